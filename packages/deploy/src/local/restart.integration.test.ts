// A real portal restart: another process (a child vitest, standing in for the portal) launches the
// stack and then ends, or is killed in the middle of the launch. This process then re-attaches through
// a new driver: to the running environment, or to the interrupted launch, which it rolls back.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { adminFromEnv, databaseExists } from "./database.js";
import { sqlNames, stackPaths } from "./paths.js";
import { registerProcess } from "./process-registry.js";
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

const phase = process.env.SANDBOX_RESTART_PHASE;
const childDataDir = process.env.SANDBOX_RESTART_DATA_DIR ?? "";
const childStack = process.env.SANDBOX_RESTART_STACK ?? "";

// The "portal" side, defined only inside the child process (so a normal run shows no skipped test).
if (phase) {
  describe("the first portal process", () => {
    it("launches the stack", async () => {
      const driver = newDriver(childDataDir);
      await launch(driver, requestFor(childStack));
      if (phase === "interrupted") await new Promise(() => {}); // killed mid-launch by the parent
      expect((await settled(driver, childStack))?.status).toBe("CREATE_COMPLETE");
    }, 120_000);
  });
}

// The child works in the parent's folder; only the parent makes (and removes) one.
const dataDir = phase ? childDataDir : tempDataDir();

function firstPortal(mode: "complete" | "interrupted", stackName: string): ChildProcess {
  const child = spawn("npx", ["vitest", "run", "src/local/restart.integration.test.ts"], {
    cwd: join(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      STACKYARD_TEST_KIND: "integration",
      SANDBOX_RESTART_PHASE: mode,
      SANDBOX_RESTART_DATA_DIR: dataDir,
      SANDBOX_RESTART_STACK: stackName,
    },
    detached: true,
    stdio: "ignore",
  });
  // Listed under the data folder: removeDataDir (and services.sh down) kill it if this test fails first.
  if (child.pid) {
    const startTime = processStartTime(child.pid) ?? "unknown";
    registerProcess({ pid: child.pid, startTime, pidFile: join(dataDir, "first-portal.pid") });
  }
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

function eventsOnDisk(stackName: string): string {
  const file = join(dataDir, "sandbox", stackName, "events.jsonl");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

afterAll(() => {
  if (!phase) removeDataDir(dataDir);
});

async function untilRunnerGone(stackName: string): Promise<void> {
  const runner = new StateStore(stackPaths(join(dataDir, "sandbox"), stackName)).read()?.runner;
  const deadline = Date.now() + 30_000;
  while (runner && processStartTime(runner.pid) === runner.startTime) {
    if (Date.now() > deadline) throw new Error(`the killed portal's runner ${runner.pid} is still alive`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(!phase)("a portal restart", () => {
  it("finds the environment the previous portal process launched, still serving", async () => {
    const stackName = uniqueStackName("restart");
    expect(await exited(firstPortal("complete", stackName))).toBe(0);

    const driver = newDriver(dataDir);
    const status = await driver.describe(stackName);
    expect(status?.status).toBe("CREATE_COMPLETE");
    expect((await fetch(`${status?.outputs.AppUrl}/`)).status).toBe(200);
    const processes = recordedProcesses(dataDir, stackName);
    expect(runningCount(processes)).toBe(3);

    await driver.delete(stackName, "after-restart");
    await driver.whenIdle(stackName);
    expect(await driver.describe(stackName)).toBeNull();
    expect(runningCount(processes)).toBe(0);
  }, 180_000);

  it("rolls back a launch whose portal process was killed, leaving nothing running", async () => {
    const stackName = uniqueStackName("killed");
    // Holding the notes migration lock keeps the app's processes waiting at start, so the launch stays in
    // AppService until the kill: killing on a timed event raced the launch's end on a busy CI machine.
    const lock = await mysql.createConnection({ ...adminFromEnv(), connectTimeout: 5000 });
    const [[held]] = await lock.query<mysql.RowDataPacket[]>("SELECT GET_LOCK(?, 0) AS got", [
      `notes_migrate:${sqlNames(stackName).database}`,
    ]);
    expect(held?.got).toBe(1);
    try {
      const child = firstPortal("interrupted", stackName);
      const gone = exited(child);
      const deadline = Date.now() + 120_000;
      while (
        !eventsOnDisk(stackName).includes(
          '"AppService","resourceType":"AWS::ECS::Service","resourceStatus":"CREATE_IN_PROGRESS"',
        )
      ) {
        if (Date.now() > deadline) throw new Error("the first portal never got as far as the app");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      process.kill(-(child.pid ?? 0), "SIGKILL");
      await gone;
      // The launch runs in vitest's worker, which the group kill reaches a moment after the leader has
      // exited: recovery (rightly) leaves an operation alone while its runner lives, so wait for it.
      await untilRunnerGone(stackName);
    } finally {
      await lock.end();
    }

    const driver = newDriver(dataDir);
    await driver.eventsSince(stackName);
    await settled(driver, stackName);
    const events = await driver.eventsSince(stackName);
    expect(events.some((e) => e.resourceStatusReason?.startsWith("interrupted"))).toBe(true);
    expect(events.at(-1)?.resourceStatus).toBe("ROLLBACK_COMPLETE");
    expect(runningCount(recordedProcesses(dataDir, stackName))).toBe(0);
    expect(await databaseExists(adminFromEnv(), sqlNames(stackName).database)).toBe(false);
    await driver.delete(stackName, "cleanup");
    await driver.whenIdle(stackName);
  }, 180_000);
});
