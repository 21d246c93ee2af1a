// Drift on the local sandbox: the running stand-ins compared with their plan, for real (nginx.conf on disk,
// notes-api processes, the MariaDB user), and a same-spec update that brings them back.
// A user that is missing or whose password changed is put back by the same update (CREATE USER IF NOT
// EXISTS, ALTER USER to the password on file). What the statuses mean follows CloudFormation's drift detection:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackRef } from "../driver.js";
import type { DriftReport } from "../observe/drift.js";
import { adminFromEnv, setUserPassword } from "./database.js";
import { NO_LOCAL_EQUIVALENT } from "./drift.js";
import { stackPaths } from "./paths.js";
import {
  deleteStackAndData,
  launch,
  newDriver,
  requestFor,
  settled,
  tempDataDir,
  uniqueStackName,
  until,
} from "./sandbox-testing.js";
import { StateStore } from "./state-store.js";
import { isRunning } from "./supervisor.js";

const dataDir = tempDataDir();
const driver = newDriver(dataDir);
const stackName = uniqueStackName("drift");
const request = requestFor(stackName, { app: { desiredCount: 2 } });
const paths = stackPaths(join(dataDir, "sandbox"), stackName);
const store = new StateStore(paths);
let stack: StackRef;

async function dropUser(user: string): Promise<void> {
  const db = await mysql.createConnection({ ...adminFromEnv(), connectTimeout: 5000 });
  try {
    await db.query("DROP USER ?@'127.0.0.1'", [user]);
  } finally {
    await db.end();
  }
}

const resource = (report: DriftReport, id: string) =>
  report.resources.find((r) => r.logicalResourceId === id);

/** Waits (bounded) until the condition holds: a killed process takes a moment to be gone. */

async function updateWithSameSpec(): Promise<void> {
  const same = { ...request, clientRequestToken: `repair-${Date.now()}` };
  const prepared = await launch(driver, same, "update");
  expect(prepared.changes.length, "a drifted sandbox makes a same-spec update non-empty").toBeGreaterThan(0);
  expect((await settled(driver, stackName))?.status).toBe("UPDATE_COMPLETE");
}

beforeAll(async () => {
  await launch(driver, request);
  const status = await settled(driver, stackName);
  expect(status?.status).toBe("CREATE_COMPLETE");
  stack = { stackName, stackId: status?.stackId ?? null, environmentId: "env-drift" };
}, 180_000);

afterAll(() => deleteStackAndData(driver, stackName, dataDir), 120_000);

describe("local drift detection", () => {
  it("reports the three stand-ins IN_SYNC after launch, and the rest NOT_CHECKED with the reason", async () => {
    const report = await driver.drift.detect(stack);
    expect(report.stackStatus).toBe("IN_SYNC");
    for (const id of ["AppService", "NginxInstance", "DbInstance"]) {
      expect(resource(report, id)?.status, id).toBe("IN_SYNC");
    }
    const vpc = resource(report, "Vpc");
    expect(vpc).toMatchObject({
      status: "NOT_CHECKED",
      reason: NO_LOCAL_EQUIVALENT,
      resourceType: "AWS::EC2::VPC",
    });
    // A same-spec update of an in-sync sandbox changes nothing (the portal refuses to apply it).
    const prepared = await driver.prepare("update", { ...request, clientRequestToken: "noop" });
    expect(prepared.changes).toEqual([]);
  });

  it("reports nginx.conf edited on disk as MODIFIED with the changed line, expected and actual", async () => {
    const conf = readFileSync(paths.nginxConf, "utf8");
    const edited = conf.replace(/client_max_body_size [^;]+;/, "client_max_body_size 900m;");
    expect(edited).not.toBe(conf);
    writeFileSync(paths.nginxConf, edited);
    const report = await driver.drift.detect(stack);
    expect(report.stackStatus).toBe("DRIFTED");
    const nginx = resource(report, "NginxInstance");
    expect(nginx?.status).toBe("MODIFIED");
    expect(nginx?.differences).toEqual([
      expect.objectContaining({
        propertyPath: expect.stringMatching(/^\/NginxConf\/line \d+$/),
        expected: expect.stringMatching(/client_max_body_size (?!900m)/),
        actual: expect.stringContaining("client_max_body_size 900m;"),
        differenceType: "NOT_EQUAL",
      }),
    ]);
    expect(nginx?.reason).toMatch(/nginx\.conf was edited: 1 line\(s\) differ/);
  });

  it("reports a killed task as MODIFIED: running count and the stopped task's address", async () => {
    const [port, task] = Object.entries(store.read()?.tasks ?? {})[0] ?? [];
    if (!task) throw new Error("no task recorded");
    process.kill(-task.pid, "SIGKILL");
    await until("the killed task to be gone", () => !isRunning(task), 10_000, 50);
    const report = await driver.drift.detect(stack);
    const service = resource(report, "AppService");
    expect(service?.status).toBe("MODIFIED");
    expect(service?.differences).toEqual(
      expect.arrayContaining([
        { propertyPath: "/RunningCount", expected: "2", actual: "1", differenceType: "NOT_EQUAL" },
        {
          propertyPath: `/Tasks/127.0.0.1:${port}`,
          expected: "running",
          actual: "stopped",
          differenceType: "REMOVE",
        },
      ]),
    );
  });

  it("reports a database user whose password changed as MODIFIED, without showing any password", async () => {
    const credentials = store.readCredentials();
    if (!credentials) throw new Error("no credentials");
    await setUserPassword(adminFromEnv(), credentials.user, `changed-${Date.now()}`);
    const report = await driver.drift.detect(stack);
    const db = resource(report, "DbInstance");
    expect(db?.status).toBe("MODIFIED");
    expect(db?.differences[0]).toMatchObject({
      propertyPath: "/MasterUserPassword",
      differenceType: "NOT_EQUAL",
    });
    expect(JSON.stringify(report)).not.toContain(credentials.password);
  });

  it("reports a database user that was dropped as MODIFIED: the user missing", async () => {
    const credentials = store.readCredentials();
    if (!credentials) throw new Error("no credentials");
    await dropUser(credentials.user);
    const db = resource(await driver.drift.detect(stack), "DbInstance");
    expect(db?.status).toBe("MODIFIED");
    expect(db?.differences).toEqual([
      {
        propertyPath: "/MasterUsername",
        expected: credentials.user,
        actual: "missing",
        differenceType: "REMOVE",
      },
    ]);
  });

  it("brings everything back IN_SYNC with an update of the same spec", async () => {
    await updateWithSameSpec();
    const report = await driver.drift.detect(stack);
    expect(report.resources.filter((r) => r.status !== "IN_SYNC" && r.status !== "NOT_CHECKED")).toEqual([]);
    expect(report.stackStatus).toBe("IN_SYNC");
    const url = (await driver.describe(stackName))?.outputs.AppUrl;
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  }, 120_000);

  it("refuses while an operation runs, and for a stack it does not own", async () => {
    await expect(driver.drift.detect({ ...stack, stackId: "arn:other" })).rejects.toThrow(/does not exist/);
    store.update((s) => {
      s.status = "UPDATE_IN_PROGRESS";
    });
    try {
      await expect(driver.drift.detect(stack)).rejects.toThrow(
        /UPDATE_IN_PROGRESS: drift can be detected once/,
      );
    } finally {
      store.update((s) => {
        s.status = "UPDATE_COMPLETE";
      });
    }
  });
});
