// Updating a local environment: the change set says what changes, the task count follows the spec, nginx
// follows the tasks, and the app keeps its notes and its address throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
const stackName = uniqueStackName("update");
let appUrl = "";
const title = `Survives updates ${Date.now()}`;

const tasks = () => recordedProcesses(dataDir, stackName).filter((p) => p.logFile.includes("notes-api"));

beforeAll(async () => {
  await launch(driver, requestFor(stackName));
  appUrl = (await settled(driver, stackName))?.outputs.AppUrl ?? "";
  await fetch(`${appUrl}/api/notes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, description: "kept across updates" }),
  });
}, 120_000);

afterAll(async () => {
  if (await driver.describe(stackName)) {
    await driver.delete(stackName, `cleanup-${stackName}`);
    await driver.whenIdle(stackName);
  }
  removeDataDir(dataDir);
}, 120_000);

describe("updating a local environment", () => {
  it("shows the service as modified, without replacement, when the task count changes", async () => {
    const prepared = await driver.prepare("update", requestFor(stackName, { app: { desiredCount: 3 } }));
    const service = prepared.changes.find((c) => c.logicalResourceId === "AppService");
    expect(service).toMatchObject({ action: "Modify", replacement: "False" });
    expect(prepared.changes.some((c) => c.logicalResourceId === "DbInstance")).toBe(false);
  });

  it("scales out to three processes behind the same address", async () => {
    const request = requestFor(stackName, { app: { desiredCount: 3 } });
    await launch(driver, request, "update");
    const status = await settled(driver, stackName);
    expect(status?.status).toBe("UPDATE_COMPLETE");
    expect(status?.outputs.AppUrl).toBe(appUrl);
    expect(runningCount(tasks())).toBe(3);
    const events = await driver.eventsSince(stackName);
    const service = events.filter((e) => e.logicalResourceId === "AppService").map((e) => e.resourceStatus);
    expect(service.slice(-2)).toEqual(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]);
    const page = await fetch(`${appUrl}/`);
    expect(await page.text()).toContain(title);
  });

  it("scales in to one process, and every request still succeeds", async () => {
    await launch(driver, requestFor(stackName, { app: { desiredCount: 1, minCount: 1 } }), "update");
    expect((await settled(driver, stackName))?.status).toBe("UPDATE_COMPLETE");
    expect(runningCount(tasks())).toBe(1);
    for (let i = 0; i < 10; i++) expect((await fetch(`${appUrl}/`)).status).toBe(200);
  });

  it("does nothing twice for a retried request (same token)", async () => {
    const request = requestFor(stackName, { app: { desiredCount: 2 } });
    await launch(driver, request, "update");
    await driver.whenIdle(stackName);
    const count = (await driver.eventsSince(stackName)).length;
    await driver.execute({ stackId: "", changes: [] }, request);
    await driver.whenIdle(stackName);
    expect((await driver.eventsSince(stackName)).length).toBe(count);
    expect(runningCount(tasks())).toBe(2);
  });
});
