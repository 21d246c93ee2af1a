// A live local environment after the database restarted: its processes were stopped the way
// scripts/services.sh down stops them (SIGTERM to each pid file's process group), its state and notes
// database stayed. The portal's boot-time restart brings it back with the notes, without a new event;
// a restart that cannot succeed is reported, not hidden.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectingLogger } from "../logger.js";
import { restartLocalEnvironments } from "./restart-at-boot.js";
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
import { isRunning, sleep } from "./supervisor.js";

const dataDir = tempDataDir();
const stackName = uniqueStackName("revive");
let db: ScratchDatabase;
let prisma: PrismaClient;
let appUrl = "";
let nginxPort = 0;
const logged: Record<string, unknown>[] = [];

/** services.sh's sandbox_stop_all: SIGTERM to the group of every pid file's process, then wait. */
async function stopAllLikeServicesDown(): Promise<void> {
  const pids = join(dataDir, "sandbox", stackName, "pids");
  for (const file of readdirSync(pids).filter((f) => f.endsWith(".pid"))) {
    const pid = Number(readFileSync(join(pids, file), "utf8").trim());
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone, as in the script (`|| true`).
    }
  }
  const processes = recordedProcesses(dataDir, stackName);
  const deadline = Date.now() + 30_000;
  while (processes.some((p) => isRunning(p)) && Date.now() < deadline) await sleep(50);
  expect(runningCount(processes)).toBe(0);
}

const bootRestart = () =>
  restartLocalEnvironments(prisma, newDriver(dataDir).processes, collectingLogger(logged));

async function noteTitles(): Promise<string[]> {
  const response = await fetch(`${appUrl}/api/notes`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { notes: { title: string }[] };
  return body.notes.map((n) => n.title);
}

beforeAll(async () => {
  db = await createScratchDatabase("portal_revive");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
  const request = requestFor(stackName);
  const driver = newDriver(dataDir);
  await launch(driver, request);
  const status = await settled(driver, stackName);
  expect(status?.status).toBe("CREATE_COMPLETE");
  appUrl = status?.outputs.AppUrl ?? "";
  nginxPort = Number(new URL(appUrl).port);
  await prisma.environment.create({
    data: { name: stackName, target: "local", region: "local", status: "live", spec: request.spec },
  });
  const created = await fetch(`${appUrl}/api/notes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Written before the restart", description: "must survive" }),
  });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  const driver = newDriver(dataDir);
  if (await driver.describe(stackName)) {
    await driver.delete(stackName, `cleanup-${stackName}`);
    await driver.whenIdle(stackName);
  }
  await prisma?.$disconnect();
  await db?.drop();
  removeDataDir(dataDir);
}, 120_000);

describe("restarting a live local environment at boot", () => {
  it("says the processes are not running once services.sh down stopped them", async () => {
    await stopAllLikeServicesDown();
    await expect(fetch(appUrl)).rejects.toThrow();
    const problem = newDriver(dataDir).processes.problem(stackName);
    expect(problem?.status).toBe("down");
    expect(problem?.reason).toContain(`nginx 127.0.0.1:${nginxPort}`);
  });

  it("starts them again on the same address, with the notes written before, and no new event", async () => {
    const driver = newDriver(dataDir);
    const eventsBefore = (await driver.eventsSince(stackName)).length;
    const outcomes = await bootRestart();
    expect(outcomes.get(stackName)).toMatchObject({ status: "restarted" });
    expect(await noteTitles()).toContain("Written before the restart");
    expect(runningCount(recordedProcesses(dataDir, stackName))).toBe(3);
    expect((await driver.eventsSince(stackName)).length).toBe(eventsBefore);
    expect((await driver.describe(stackName))?.status).toBe("CREATE_COMPLETE");
    expect(driver.processes.problem(stackName)).toBeNull();
    expect(logged.at(-1)).toMatchObject({
      level: "info",
      msg: "local environment restarted",
      stack: stackName,
    });
    expect(logged.at(-1)?.started).toHaveLength(3);
  }, 120_000);

  it("does nothing to an environment whose processes run", async () => {
    const before = recordedProcesses(dataDir, stackName).map((p) => p.pid);
    const outcomes = await bootRestart();
    expect(outcomes.get(stackName)).toEqual({ status: "running" });
    expect(recordedProcesses(dataDir, stackName).map((p) => p.pid)).toEqual(before);
  }, 60_000);

  it("reports a restart that fails (nginx's port taken) until a later restart succeeds", async () => {
    await stopAllLikeServicesDown();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(nginxPort, "127.0.0.1", resolve));
    try {
      const outcome = (await bootRestart()).get(stackName);
      expect(outcome).toMatchObject({ status: "failed" });
      const reason = `port 127.0.0.1:${nginxPort} for nginx is already in use`;
      expect(outcome?.status === "failed" && outcome.reason).toContain(reason);
      expect(logged.at(-1)).toMatchObject({ level: "error", msg: "local environment restart failed" });
      const problem = newDriver(dataDir).processes.problem(stackName);
      expect(problem?.status).toBe("down");
      expect(problem?.reason).toContain(reason);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    expect((await bootRestart()).get(stackName)).toMatchObject({ status: "restarted" });
    expect(await noteTitles()).toContain("Written before the restart");
    expect(newDriver(dataDir).processes.problem(stackName)).toBeNull();
  }, 120_000);
});
