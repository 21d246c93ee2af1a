// A portal process that dies mid-operation: the next portal (a new driver) finishes the job. An
// interrupted delete is carried on; an interrupted create is rolled back; a live runner is left alone.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INTERRUPTED } from "./interrupted.js";
import { stackPaths } from "./paths.js";
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
import { StateStore } from "./state-store.js";
import { processStartTime } from "./supervisor.js";

const dataDir = tempDataDir();
const store = (stackName: string) => new StateStore(stackPaths(join(dataDir, "sandbox"), stackName));

/** The pid of a process that has exited: what a crashed portal leaves in the state. */
function deadRunner() {
  const pid = spawnSync("true").pid ?? 999_999;
  return { pid, startTime: "gone" };
}

async function launched(prefix: string): Promise<string> {
  const stackName = uniqueStackName(prefix);
  const driver = newDriver(dataDir);
  await launch(driver, requestFor(stackName));
  expect((await settled(driver, stackName))?.status).toBe("CREATE_COMPLETE");
  return stackName;
}

afterAll(() => removeDataDir(dataDir));

describe("a portal that stopped in the middle of an operation", () => {
  it("has its delete carried on by the next portal: nothing left running, a dump kept", async () => {
    const stackName = await launched("rdelete");
    const processes = recordedProcesses(dataDir, stackName);
    store(stackName).update((s) => {
      s.status = "DELETE_IN_PROGRESS";
      s.runner = deadRunner();
    });
    const next = newDriver(dataDir);
    expect((await next.describe(stackName))?.status).toBe("DELETE_IN_PROGRESS");
    await next.whenIdle(stackName);
    expect(await next.describe(stackName)).toBeNull();
    expect((await next.eventsSince(stackName)).at(-1)?.resourceStatus).toBe("DELETE_COMPLETE");
    expect(runningCount(processes)).toBe(0);
    const dumps = readdirSync(join(dataDir, "sandbox", stackName, "dumps"));
    expect(dumps.filter((f) => f.endsWith(".sql"))).toHaveLength(1);
  }, 120_000);

  it("has its create rolled back by the next portal, naming the interruption", async () => {
    const stackName = await launched("rcreate");
    const processes = recordedProcesses(dataDir, stackName);
    store(stackName).update((s) => {
      s.status = "CREATE_IN_PROGRESS";
      s.runner = deadRunner();
      const service = s.resources.AppService;
      if (service) service.status = "CREATE_IN_PROGRESS";
    });
    const next = newDriver(dataDir);
    await next.eventsSince(stackName);
    await next.whenIdle(stackName);
    const events = await next.eventsSince(stackName);
    expect(events.find((e) => e.resourceStatus === "CREATE_FAILED")).toMatchObject({
      logicalResourceId: "AppService",
      resourceStatusReason: INTERRUPTED,
    });
    expect((await next.describe(stackName))?.status).toBe("ROLLBACK_COMPLETE");
    expect(runningCount(processes)).toBe(0);
    await next.delete(stackName, "cleanup");
    await next.whenIdle(stackName);
  }, 120_000);

  it("is left alone while the portal running it is alive", async () => {
    const stackName = await launched("rlive");
    const parent = { pid: process.ppid, startTime: processStartTime(process.ppid) ?? "" };
    store(stackName).update((s) => {
      s.status = "UPDATE_IN_PROGRESS";
      s.runner = parent;
    });
    const next = newDriver(dataDir);
    expect((await next.describe(stackName))?.status).toBe("UPDATE_IN_PROGRESS");
    await next.whenIdle(stackName);
    expect((await next.describe(stackName))?.status).toBe("UPDATE_IN_PROGRESS");
    expect(runningCount(recordedProcesses(dataDir, stackName))).toBe(3);
    // Hand it back as finished so that it can be deleted.
    store(stackName).update((s) => {
      s.status = "UPDATE_COMPLETE";
      delete s.runner;
    });
    await next.delete(stackName, "cleanup");
    await next.whenIdle(stackName);
    expect(runningCount(recordedProcesses(dataDir, stackName))).toBe(0);
  }, 120_000);
});
