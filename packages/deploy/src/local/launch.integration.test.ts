// Launching the default spec on the local sandbox: a user sees CloudFormation-shaped progress to
// CREATE_COMPLETE, and the app URL serves the notes app through nginx.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackEventRecord } from "../driver.js";
import { STACK_TYPE } from "./events.js";
import { creationOrder, templateResources } from "./ordering.js";
import {
  launch,
  newDriver,
  recordedProcesses,
  removeDataDir,
  requestFor,
  runningCount,
  settled,
  tempDataDir,
  uniqueStackName,
} from "./sandbox-testing.js";

const dataDir = tempDataDir();
const driver = newDriver(dataDir);
const stackName = uniqueStackName("launch");
const request = requestFor(stackName);
let events: StackEventRecord[] = [];
let appUrl = "";
let launchSeconds = 0;

beforeAll(async () => {
  const started = Date.now();
  await launch(driver, request);
  const status = await settled(driver, stackName);
  launchSeconds = (Date.now() - started) / 1000;
  events = await driver.eventsSince(stackName);
  appUrl = status?.outputs.AppUrl ?? "";
  console.log(`launch of the default spec to ${status?.status} in ${launchSeconds.toFixed(1)} s`);
}, 120_000);

afterAll(async () => {
  if (process.env.KEEP_SANDBOX) return;
  if (await driver.describe(stackName)) {
    await driver.delete(stackName, `cleanup-${stackName}`);
    await driver.whenIdle(stackName);
  }
  removeDataDir(dataDir);
}, 120_000);

describe("launching the default spec locally", () => {
  it("reaches CREATE_COMPLETE with the app URL among the outputs", async () => {
    const status = await driver.describe(stackName);
    expect(status?.status).toBe("CREATE_COMPLETE");
    expect(status?.outputs.AppUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(status?.outputs.ServiceName).toBe(`${stackName}-notes-api`);
    expect(launchSeconds).toBeLessThan(60);
  });

  it("reports every resource in and out of progress, after the resources it references", () => {
    const resources = creationOrder(templateResources(request.templateBody));
    const position = (id: string, status: string) =>
      events.findIndex((e) => e.logicalResourceId === id && e.resourceStatus === status);
    for (const resource of resources) {
      const started = position(resource.logicalId, "CREATE_IN_PROGRESS");
      const completed = position(resource.logicalId, "CREATE_COMPLETE");
      expect(started, resource.logicalId).toBeGreaterThan(0);
      expect(completed, resource.logicalId).toBeGreaterThan(started);
      for (const dependency of resource.dependsOn) {
        expect(started, `${resource.logicalId} after ${dependency}`).toBeGreaterThan(
          position(dependency, "CREATE_COMPLETE"),
        );
      }
    }
    expect(events[0]).toMatchObject({
      resourceType: STACK_TYPE,
      logicalResourceId: stackName,
      resourceStatus: "CREATE_IN_PROGRESS",
    });
    expect(events.at(-1)).toMatchObject({ resourceType: STACK_TYPE, resourceStatus: "CREATE_COMPLETE" });
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it("says which resources are only simulated, and what runs for real", () => {
    const completion = (id: string) =>
      events.find((e) => e.logicalResourceId === id && e.resourceStatus === "CREATE_COMPLETE")
        ?.resourceStatusReason;
    expect(completion("Vpc")).toBe("simulated locally");
    expect(completion("NatGateway1")).toBe("simulated locally");
    expect(completion("DbInstance")).toMatch(
      /^database sandbox_launch_\w+ and user sb_\w+ on the private MariaDB/,
    );
    expect(completion("AppService")).toMatch(
      /^2 notes-api process\(es\) ready on 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+$/,
    );
    expect(completion("NginxInstance")).toContain(`nginx serving ${appUrl}`);
  });

  it("serves the notes app through nginx: a note created over the JSON API shows in the HTML list", async () => {
    const title = `Sandbox note ${Date.now()}`;
    const created = await fetch(`${appUrl}/api/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title, description: "created through the sandbox's nginx" }),
    });
    expect(created.status).toBe(201);
    const page = await fetch(`${appUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(title);
  });

  it("runs two notes-api processes and one nginx, each recorded with its pid", () => {
    const processes = recordedProcesses(dataDir, stackName);
    expect(processes).toHaveLength(3);
    expect(runningCount(processes)).toBe(3);
  });

  it("never writes the database password into events, outputs or logs", async () => {
    const credentials = JSON.parse(
      readFileSync(`${dataDir}/sandbox/${stackName}/credentials.json`, "utf8"),
    ) as { password: string };
    expect(credentials.password.length).toBeGreaterThan(20);
    const status = await driver.describe(stackName);
    const visible = [
      JSON.stringify(events),
      JSON.stringify(status),
      ...recordedProcesses(dataDir, stackName).map((p) => readFileSync(p.logFile, "utf8")),
    ];
    for (const text of visible) expect(text).not.toContain(credentials.password);
  });
});
