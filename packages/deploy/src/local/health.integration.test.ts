// Health on the local sandbox, for real (notes-api processes, nginx, the private MariaDB), and the local
// service scheduler: a killed task shows the service degraded, is replaced (its stop reason and the
// scheduler's events recorded), and the service is healthy again, as with ECS
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html: the service scheduler
// replaces a task that stops; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html:
// "Essential container in task exited"; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages-list.html).
import { get } from "node:http";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackRef } from "../driver.js";
import type { EnvironmentHealth } from "../observe/health.js";
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
const driver = newDriver(dataDir, { serviceScheduler: true });
const stackName = uniqueStackName("health");
const request = requestFor(stackName, { app: { desiredCount: 2 } });
const store = new StateStore(stackPaths(join(dataDir, "sandbox"), stackName));
let stack: StackRef;
let appUrl = "";

/** Reads the health until the condition holds (bounded: a replacement migrates and starts in seconds). */
async function healthUntil(
  condition: (health: EnvironmentHealth) => boolean,
  what: string,
  of: StackRef = stack,
  timeoutMs = 90_000,
): Promise<EnvironmentHealth> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await driver.health.read(of);
    if (health && condition(health)) return health;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Binds the port once the killed task's processes (its workers die a moment after it) let go of it. */
async function takePort(server: Server, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bound = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen({ port, host: "127.0.0.1", exclusive: true }, () => resolve(true));
    });
    if (bound) return;
    if (Date.now() > deadline) throw new Error(`port ${port} is still in use ${timeoutMs} ms after the kill`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function firstTask() {
  const state = store.read();
  const port = state?.plan.taskPorts[0];
  const task = port === undefined ? undefined : state?.tasks[String(port)];
  if (port === undefined || !task) throw new Error("no task recorded");
  return { port, task };
}

/**
 * GET through nginx, bounded, on a fresh connection: after nginx reloads (a task moved port), a pooled
 * keep-alive connection to an old worker is closed under the next request, as any client sees.
 */
function appStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("timeout", () => req.destroy(new Error(`no answer from ${url} within 10 s`)));
    req.once("error", reject);
  });
}

/** Every notes-api process answers through nginx: a few requests reach each upstream server. */
async function appAnswers(base = appUrl): Promise<void> {
  for (let i = 0; i < 6; i++) expect(await appStatus(`${base}/api/notes`)).toBe(200);
}

beforeAll(async () => {
  await launch(driver, request);
  const status = await settled(driver, stackName);
  expect(status?.status).toBe("CREATE_COMPLETE");
  appUrl = status?.outputs.AppUrl ?? "";
  stack = { stackName, stackId: status?.stackId ?? null, environmentId: "env-health" };
}, 180_000);

afterAll(() => deleteStackAndData(driver, stackName, dataDir), 120_000);

describe("local health", () => {
  it("reports every tier healthy from the running processes", async () => {
    const health = await healthUntil((h) => h.state === "healthy", "a healthy environment");
    expect(health.edge).toMatchObject({ state: "healthy", instanceState: "running", instanceStatus: "ok" });
    expect(health.service).toMatchObject({ state: "healthy", desired: 2, running: 2, pending: 0 });
    expect(health.targetGroup).toMatchObject({ state: "healthy", healthy: 2, unhealthy: 0 });
    expect(health.database).toMatchObject({ state: "healthy", status: "available", multiAz: false });
  });

  it("shows a killed task as degraded, replaces it on the same port and records why it stopped", async () => {
    const { port, task } = firstTask();
    process.kill(-task.pid, "SIGKILL");
    await until("the killed task to be gone", () => !isRunning(task), 10_000, 50);
    // The replacement is starting (it migrates first): one of two tasks serves meanwhile.
    const degraded = await driver.health.read(stack);
    expect(degraded?.state).toBe("degraded");
    expect(degraded?.service).toMatchObject({ state: "degraded", desired: 2, running: 1 });
    expect(degraded?.service?.reasons[0]).toBe("1 of 2 task(s) running");
    expect(degraded?.targetGroup?.state).toBe("degraded");
    const started = (h: EnvironmentHealth) =>
      h.service?.events.some((e) => /has started 1 tasks: \(task notes-api-\d+-\d+\)\.$/.test(e.message));
    const recovered = await healthUntil(
      (h) => h.state === "healthy" && Boolean(started(h)),
      "the replacement to be ready and its start recorded",
    );
    expect(recovered.service?.stoppedTasks[0]).toMatchObject({
      taskId: `notes-api-${port}-${task.pid}`,
      reason: "Essential container in task exited (killed by SIGKILL, exit code 137)",
      exitCode: 137,
    });
    const messages = recovered.service?.events.map((e) => e.message) ?? [];
    expect(messages.some((m) => m.includes(`task notes-api-${port}-${task.pid} stopped`))).toBe(true);
    const replacement = firstTask();
    expect(replacement.port, "the same port: nginx's upstream is unchanged").toBe(port);
    expect(replacement.task.pid).not.toBe(task.pid);
    await appAnswers();
  }, 120_000);

  it("replaces a task that died unwatched on a new port when its port is taken, and reloads nginx", async () => {
    // A second stack launched by a driver without the scheduler (another portal process, say): nothing
    // watches its tasks, so one can die and have its port taken before the scheduler first looks.
    const plain = newDriver(dataDir);
    const otherName = uniqueStackName("health-moved");
    await launch(plain, requestFor(otherName, { app: { desiredCount: 2 } }));
    const created = await settled(plain, otherName);
    expect(created?.status).toBe("CREATE_COMPLETE");
    const other: StackRef = {
      stackName: otherName,
      stackId: created?.stackId ?? null,
      environmentId: "env-moved",
    };
    const otherStore = new StateStore(stackPaths(join(dataDir, "sandbox"), otherName));
    const squatter: Server = createServer();
    try {
      const port = otherStore.read()?.plan.taskPorts[0] ?? 0;
      const task = otherStore.read()?.tasks[String(port)];
      if (!task) throw new Error("no task recorded");
      process.kill(-task.pid, "SIGKILL");
      await until("the killed task to be gone", () => !isRunning(task), 10_000, 50);
      await takePort(squatter, port);
      // Without the scheduler, the task stays down.
      expect((await plain.health.read(other))?.service).toMatchObject({ state: "degraded", running: 1 });
      // The scheduler's first look replaces it, on another port, and nginx's upstream follows.
      const recovered = await healthUntil(
        (h) =>
          h.state === "healthy" && Boolean(h.service?.events.some((e) => e.message.includes("was taken"))),
        "the moved replacement to be ready and its start recorded",
        other,
      );
      const ports = otherStore.read()?.plan.taskPorts ?? [];
      expect(ports).not.toContain(port);
      expect(ports).toHaveLength(2);
      expect(recovered.targetGroup?.targets.map((t) => t.port).sort()).toEqual([...ports].sort());
      expect(recovered.service?.events.some((e) => e.message.includes(`(127.0.0.1:${port} was taken)`))).toBe(
        true,
      );
      expect(recovered.service?.stoppedTasks[0]?.reason).toMatch(
        /^Essential container in task exited \(killed by SIGKILL/,
      );
      await appAnswers(created?.outputs.AppUrl ?? "");
    } finally {
      squatter.close();
      await deleteStackAndData(plain, otherName, join(dataDir, "unused"));
    }
  }, 240_000);
  it("leaves an environment stopped as a whole (services.sh down) to the portal's next start", async () => {
    // As scripts/services.sh down does: SIGTERM to every process group; notes-api drains and exits 0.
    const state = store.read();
    const processes = [...Object.values(state?.tasks ?? {}), ...(state?.nginx ? [state.nginx] : [])];
    for (const managed of processes) process.kill(-managed.pid, "SIGTERM");
    await until("every process to be gone", () => processes.every((p) => !isRunning(p)), 40_000, 50);
    const down = await healthUntil(
      (h) => (h.service?.events.filter((e) => e.message.includes("Not replaced")).length ?? 0) >= 2,
      "both tasks' stops recorded as not replaced",
    );
    expect(down.state).toBe("unhealthy");
    expect(down.edge).toMatchObject({ state: "unhealthy", instanceState: "stopped" });
    expect(down.service).toMatchObject({ state: "unhealthy", running: 0, desired: 2 });
    const tasks = Object.values(store.read()?.tasks ?? {});
    expect(tasks.filter((task) => isRunning(task))).toEqual([]);
  }, 120_000);
});
