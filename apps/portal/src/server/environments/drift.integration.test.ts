// environments.detectDrift and environments.lastDrift on the local sandbox, through the tRPC caller with
// the real engine and driver (real nginx, notes-api processes and MariaDB): nginx.conf edited on disk is
// MODIFIED with the changed line, a killed task is MODIFIED, each detection is audited with its summary,
// and an update with the same spec (the dashboard's "bring it back") restores IN_SYNC.
// Statuses follow https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine, DeployError } from "@stackyard/deploy";
import { type LocalSandboxDriver, StateStore, stackPaths } from "@stackyard/deploy/local";
import {
  deleteStackAndData,
  newDriver,
  tempDataDir,
  uniqueStackName,
  until,
} from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

const waitUntil = (what: string, check: () => Promise<boolean> | boolean) =>
  until(what, check, WAIT.timeout, WAIT.interval);
const WAIT = { timeout: 90_000, interval: 100 };
const dataDir = tempDataDir();
const driver: LocalSandboxDriver = newDriver(dataDir);
const name = uniqueStackName("driftp");
const paths = stackPaths(join(dataDir, "sandbox"), name);
const store = new StateStore(paths);
const spec = { ...defaultSpec(), name, app: { ...defaultSpec().app, desiredCount: 2 } };
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;
let otherDeployer: SessionUser;
let viewer: SessionUser;
let environmentId = "";

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine, driverFor: () => driver });

const environment = () => prisma.environment.findUniqueOrThrow({ where: { id: environmentId } });
const driftAudits = () =>
  prisma.auditEntry.findMany({
    where: { action: "environment.detect_drift", targetId: environmentId },
    orderBy: { id: "asc" },
  });

beforeAll(async () => {
  db = await createScratchDatabase("portal_drift_local");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  [owner, otherDeployer, viewer] = await Promise.all([
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "viewer"),
  ]);
  const launched = await as(owner).environments.launch({
    target: "local",
    spec,
    clientRequestToken: `launch-${name}`,
  });
  environmentId = launched.environmentId;
  await waitUntil("the environment to be live", async () => (await environment()).status === "live");
}, 150_000);

afterAll(async () => {
  await deleteStackAndData(driver, name, dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

describe("environments.detectDrift on the local sandbox", () => {
  it("reports a fresh environment IN_SYNC, audited with its counts; lastDrift shows it to viewers", async () => {
    expect(await as(viewer).environments.lastDrift({ id: environmentId })).toBeNull();
    const view = await as(owner).environments.detectDrift({ id: environmentId });
    expect(view.stackStatus).toBe("IN_SYNC");
    expect(view.counts).toMatchObject({ inSync: 3, modified: 0, deleted: 0 });
    expect(view.counts.notChecked).toBeGreaterThan(10);
    const [audit] = await driftAudits();
    expect(audit).toMatchObject({ outcome: "success", actorId: owner.id, targetId: environmentId });
    expect(audit?.detail).toMatchObject({ stackStatus: "IN_SYNC", counts: view.counts, drifted: [] });
    const last = await as(viewer).environments.lastDrift({ id: environmentId });
    expect(last).toMatchObject({
      stackStatus: "IN_SYNC",
      counts: view.counts,
      complete: false,
      stale: false,
    });
  });

  it("refuses viewers and deployers who may not change the environment (the refusal audited)", async () => {
    await expect(as(viewer).environments.detectDrift({ id: environmentId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(as(otherDeployer).environments.detectDrift({ id: environmentId })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const refused = (await driftAudits()).filter((a) => a.outcome === "refused");
    expect(refused.map((a) => a.actorId)).toContain(otherDeployer.id);
  });

  it("reports nginx.conf edited on disk and a killed task as MODIFIED, with the differences", async () => {
    const conf = readFileSync(paths.nginxConf, "utf8");
    writeFileSync(paths.nginxConf, conf.replace(/client_max_body_size [^;]+;/, "client_max_body_size 1g;"));
    const task = Object.values(store.read()?.tasks ?? {})[0];
    if (!task) throw new Error("no task recorded");
    process.kill(-task.pid, "SIGKILL");
    await waitUntil("the killed task to be gone", () => {
      try {
        process.kill(task.pid, 0);
        return false;
      } catch {
        return true;
      }
    });
    const view = await as(owner).environments.detectDrift({ id: environmentId });
    expect(view.stackStatus).toBe("DRIFTED");
    const nginx = view.resources.find((r) => r.logicalResourceId === "NginxInstance");
    expect(nginx?.status).toBe("MODIFIED");
    expect(nginx?.differences).toEqual([
      expect.objectContaining({
        actual: expect.stringContaining("client_max_body_size 1g;"),
        differenceType: "NOT_EQUAL",
      }),
    ]);
    const service = view.resources.find((r) => r.logicalResourceId === "AppService");
    expect(service?.status).toBe("MODIFIED");
    expect(service?.differences[0]).toMatchObject({
      propertyPath: "/RunningCount",
      expected: "2",
      actual: "1",
    });
    // The audit entry carries the summary and the drifted resources; lastDrift reads it back.
    const audit = (await driftAudits()).at(-1);
    expect(audit?.detail).toMatchObject({
      stackStatus: "DRIFTED",
      counts: { modified: 2 },
      drifted: expect.arrayContaining([
        expect.objectContaining({ logicalResourceId: "AppService", status: "MODIFIED" }),
        expect.objectContaining({ logicalResourceId: "NginxInstance", status: "MODIFIED" }),
      ]),
    });
    const last = await as(viewer).environments.lastDrift({ id: environmentId });
    expect(last?.resources.map((r) => r.logicalResourceId).sort()).toEqual(["AppService", "NginxInstance"]);
  });

  it("shows a target's refusal as it said it, audited as a failure", async () => {
    // The sandbox driver, but a drift capability that refuses as AWS's would.
    const refusing = Object.assign(Object.create(driver) as LocalSandboxDriver, {
      drift: {
        detect: async () => {
          throw new DeployError(
            "ACCESS_DENIED",
            "AWS refused the request: not authorized to perform rds:DescribeDBInstances",
          );
        },
      },
    });
    const caller = createCaller({ prisma, user: owner, deploy: engine, driverFor: () => refusing });
    await expect(caller.environments.detectDrift({ id: environmentId })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message:
        "Drift detection failed: AWS refused the request: not authorized to perform rds:DescribeDBInstances",
    });
    const failed = (await driftAudits()).at(-1);
    expect(failed).toMatchObject({ outcome: "failure", actorId: owner.id });
    expect(failed?.detail).toMatchObject({ error: expect.stringMatching(/rds:DescribeDBInstances/) });
  });

  it("is brought back IN_SYNC by an update with the same spec", async () => {
    const plan = await as(owner).environments.planUpdate({ id: environmentId, spec });
    const repaired = plan.changes.map((c) => c.logicalResourceId).sort();
    expect(repaired).toEqual(expect.arrayContaining(["AppService", "NginxInstance"]));
    await as(owner).environments.update({ id: environmentId, planId: plan.planId });
    await waitUntil("the update to finish", async () => (await environment()).status === "live");
    const operation = await prisma.operation.findFirst({
      where: { environmentId },
      orderBy: { createdAt: "desc" },
    });
    expect(operation?.status).toBe("succeeded");
    // The detection before the update no longer describes the environment.
    expect(await as(viewer).environments.lastDrift({ id: environmentId })).toMatchObject({ stale: true });
    const view = await as(owner).environments.detectDrift({ id: environmentId });
    expect(view.stackStatus).toBe("IN_SYNC");
    expect(view.counts).toMatchObject({ inSync: 3, modified: 0, deleted: 0 });
    expect(await as(viewer).environments.lastDrift({ id: environmentId })).toMatchObject({
      stackStatus: "IN_SYNC",
      stale: false,
    });
  }, 120_000);
});
