// environments.health on the local sandbox, through the tRPC caller with the real engine and driver (real
// nginx, notes-api processes and MariaDB): every tier healthy, viewers may read it, twenty viewers at once
// cost one read (the environment's processes are probed once, however many dashboards ask), and a killed task is replaced with its stop reason shown, as the ECS service scheduler
// does (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html).

import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import { type LocalSandboxDriver, StateStore, stackPaths } from "@stackyard/deploy/local";
import {
  deleteStackAndData,
  newDriver,
  tempDataDir,
  uniqueStackName,
  until,
} from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";
import { environmentHealth } from "./health";

const waitUntil = (what: string, check: () => Promise<boolean> | boolean) =>
  until(what, check, WAIT.timeout, WAIT.interval);
const WAIT = { timeout: 90_000, interval: 200 };
const dataDir = tempDataDir();
const driver: LocalSandboxDriver = newDriver(dataDir, { serviceScheduler: true });
const name = uniqueStackName("healthp");
const store = new StateStore(stackPaths(join(dataDir, "sandbox"), name));
const spec = { ...defaultSpec(), name, app: { ...defaultSpec().app, desiredCount: 2 } };
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;
let viewer: SessionUser;
let environmentId = "";

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine, driverFor: () => driver });

beforeAll(async () => {
  db = await createScratchDatabase("portal_health_local");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  [owner, viewer] = await Promise.all([createTestUser(prisma, "deployer"), createTestUser(prisma, "viewer")]);
  const launched = await as(owner).environments.launch({
    target: "local",
    spec,
    clientRequestToken: `launch-${name}`,
  });
  environmentId = launched.environmentId;
  await waitUntil("the environment to be live", async () => {
    const row = await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } });
    return row.status === "live";
  });
}, 150_000);

afterAll(async () => {
  await deleteStackAndData(driver, name, dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

describe("environments.health on the local sandbox", () => {
  it("shows a viewer every tier healthy", async () => {
    const view = await as(viewer).environments.health({ id: environmentId, refresh: true });
    expect(view.unavailable).toBeNull();
    expect(view.health?.state).toBe("healthy");
    expect(view.health?.service).toMatchObject({ desired: 2, running: 2 });
    expect(view.health?.targetGroup).toMatchObject({ healthy: 2, unhealthy: 0 });
    expect(view.health?.edge?.state).toBe("healthy");
    expect(view.health?.database).toMatchObject({ state: "healthy", status: "available" });
  });

  it("answers twenty viewers at once with one read of the processes", async () => {
    const reads = vi.spyOn(driver.health, "read");
    try {
      // A minute on: the cached read is too old for any of them; the first reads, the others share it.
      const later = { driverFor: () => driver, now: () => Date.now() + 60_000 };
      const views = await Promise.all(
        Array.from({ length: 20 }, () => environmentHealth(prisma, environmentId, later)),
      );
      expect(views.every((v) => v.health?.state === "healthy")).toBe(true);
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  it("shows a killed task replaced, with the reason it stopped", async () => {
    const state = store.read();
    const port = state?.plan.taskPorts[0] ?? 0;
    const task = state?.tasks[String(port)];
    if (!task) throw new Error("no task recorded");
    process.kill(-task.pid, "SIGKILL");
    let last: Awaited<ReturnType<ReturnType<typeof as>["environments"]["health"]>> | undefined;
    await waitUntil("the replacement, with the stop recorded", async () => {
      last = await as(viewer).environments.health({ id: environmentId, refresh: true });
      return last.health?.state === "healthy" && (last.health.service?.stoppedTasks.length ?? 0) > 0;
    });
    expect(last?.health?.service?.stoppedTasks[0]).toMatchObject({
      taskId: `notes-api-${port}-${task.pid}`,
      reason: "Essential container in task exited (killed by SIGKILL, exit code 137)",
      exitCode: 137,
    });
  }, 120_000);

  it("says why there is no health for an environment that is not live, and refuses an unknown id", async () => {
    const draft = await prisma.environment.create({
      data: { name: uniqueStackName("draft"), target: "local", region: "local", status: "draft", spec },
    });
    expect(await as(viewer).environments.health({ id: draft.id })).toEqual({
      environmentId: draft.id,
      health: null,
      unavailable: "This environment is draft",
    });
    await expect(as(viewer).environments.health({ id: randomUUID() })).rejects.toThrow(
      "No environment with that id",
    );
  });
});
