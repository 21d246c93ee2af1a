// The ECS service scheduler, locally: a notes-api process of a live stack that dies is replaced, on the
// same port when it is free (nginx's upstream is then unchanged), else on a new one (nginx reloads with
// the new upstream). Each stop is recorded with its reason, and each start as a service event, so "kill
// a task" shows degraded, then recovered, as on AWS. Not an operation: the stack's status, resources and
// stack events do not change. A stack with an operation running is left to the operation.

import { SERVING } from "../stack-status.js";
import { startExclusive, whenIdle } from "./background.js";
import { describeExit, type ExitInfo, exitCodeOf, whenExited } from "./exits.js";
import { confOnDisk, localNginxConf, writeAndTestConf } from "./nginx.js";
import { reloadAndSettle } from "./nginx-reload.js";
import { canListen, type PortAllocator } from "./ports.js";
import { errorMessage } from "./resource-steps.js";
import { lockTaskSlot } from "./scheduler-lock.js";
import { recordServiceEvent, recordStoppedTask, serviceEventText, taskIdOf } from "./scheduler-record.js";
import type { SandboxContext } from "./stand-ins.js";
import type { ManagedProcess } from "./state-store.js";
import { isRunning } from "./supervisor.js";
import { startTask } from "./tasks.js";

/** ECS's stop reason for a task whose essential container exited. */
const ESSENTIAL_EXITED = "Essential container in task exited";
/** Between failed replacement attempts: doubling from 2 s up to 5 min (ECS throttles restarts too). */
const RETRY_BASE_MS = 2000;
const RETRY_MAX_MS = 5 * 60_000;

/** Module-wide, like the operations registry: every driver in this process shares one watch per task. */
const watched = new Map<string, string>();
const replacing = new Set<string>();
/** Tasks whose stop is recorded already: a retry or a second look never records it twice. */
const stopsRecorded = new Set<string>();
/** Slots waiting out a retry's delay: a look in the meantime does not start another attempt early. */
const backingOff = new Set<string>();

const slot = (ctx: SandboxContext, port: number) => `${ctx.paths.root}#${port}`;
const identity = (task: ManagedProcess) => `${task.pid}:${task.startTime}`;

/**
 * Watches every task of the stack (once per task, however often it is called) and replaces the ones
 * that are not running. Called after an operation, at boot and whenever someone reads the health.
 */
export function superviseService(ctx: SandboxContext, ports: PortAllocator): void {
  const state = ctx.store.read();
  if (!state || !SERVING.has(state.status)) return;
  for (const port of state.plan.taskPorts) {
    const task = state.tasks[String(port)];
    // A task that already ended is "watched" too: its exit resolves at once and it is replaced.
    if (task) watch(ctx, ports, port, task);
    else if (!replacing.has(slot(ctx, port))) void replace(ctx, ports, port, undefined, null, 0);
  }
}

function watch(ctx: SandboxContext, ports: PortAllocator, port: number, task: ManagedProcess): void {
  const key = slot(ctx, port);
  if (watched.get(key) === identity(task)) return;
  watched.set(key, identity(task));
  void whenExited(task).then((exit) => {
    if (watched.get(key) !== identity(task)) return;
    watched.delete(key);
    void replace(ctx, ports, port, task, exit, 0);
  });
}

/** Whether the task on `port` is still the scheduler's to replace (an operation may have stopped it). */
function stillWanted(ctx: SandboxContext, port: number, task: ManagedProcess | undefined): boolean {
  const state = ctx.store.read();
  if (!state || !SERVING.has(state.status) || !state.plan.taskPorts.includes(port)) return false;
  const recorded = state.tasks[String(port)];
  if (recorded && isRunning(recorded)) return false;
  return !task || !recorded || identity(recorded) === identity(task);
}

async function replace(
  ctx: SandboxContext,
  ports: PortAllocator,
  port: number,
  stopped: ManagedProcess | undefined,
  exit: ExitInfo | null,
  attempt: number,
): Promise<void> {
  const key = slot(ctx, port);
  if (replacing.has(key) || backingOff.has(key) || !stillWanted(ctx, port, stopped)) return;
  // Another portal replica on this machine may have seen the same exit: one of them replaces the task.
  const release = lockTaskSlot(ctx.paths.root, port);
  if (!release) return;
  replacing.add(key);
  try {
    const stop = stopped ? `${key}@${identity(stopped)}` : "";
    const leaveDown = stoppedAsAWhole(ctx, exit);
    if (stopped && !stopsRecorded.has(stop)) {
      stopsRecorded.add(stop);
      recordStop(ctx, port, stopped, exit, leaveDown);
    }
    if (leaveDown) return;
    let failure: unknown = null;
    try {
      // Held like an operation: an update or delete cannot start while the replacement is placed.
      await startExclusive(ctx, async () => async () => {
        failure = await startReplacement(ctx, ports, port).then(
          () => null,
          (error: unknown) => error,
        );
      });
    } catch {
      return; // An operation is running: it reconciles the tasks, and supervision resumes after it.
    }
    await whenIdle(ctx);
    if (failure) retryLater(ctx, ports, port, failure, attempt);
  } finally {
    replacing.delete(key);
    release();
  }
}

/**
 * Why a stopped task is not replaced: the environment was stopped as a whole (`scripts/services.sh down`
 * sends SIGTERM to every process: nginx is gone too, and notes-api drains and exits 0). The portal's
 * next start brings it back (restart-stand-ins.ts), as before; a task that crashes or is killed is replaced.
 */
function stoppedAsAWhole(ctx: SandboxContext, exit: ExitInfo | null): string | null {
  if (exit && exit.code === 0 && !exit.signal)
    return "it stopped gracefully (exit code 0), as on services.sh down";
  const nginx = ctx.store.read()?.nginx;
  if (nginx && !isRunning(nginx))
    return "nginx is not running either: the environment was stopped as a whole";
  return null;
}

function recordStop(
  ctx: SandboxContext,
  port: number,
  task: ManagedProcess,
  exit: ExitInfo | null,
  leftDown: string | null,
): void {
  const taskId = taskIdOf(port, task.pid);
  const reason = `${ESSENTIAL_EXITED} (${describeExit(exit)})`;
  const exitCode = exitCodeOf(exit);
  recordStoppedTask(ctx, {
    taskId,
    stoppedAt: new Date().toISOString(),
    reason,
    ...(exitCode !== undefined ? { exitCode } : {}),
  });
  const kept = leftDown ? ` Not replaced: ${leftDown}; the portal's next start restarts it.` : "";
  recordServiceEvent(ctx, serviceEventText(ctx.stackName, `task ${taskId} stopped: ${reason}.${kept}`));
}

/** Starts the task again (same port if free) and points nginx at it; throws with the reason. */
async function startReplacement(ctx: SandboxContext, ports: PortAllocator, oldPort: number): Promise<void> {
  const state = ctx.store.read();
  if (!state || !SERVING.has(state.status) || !state.plan.taskPorts.includes(oldPort)) return;
  const current = state.tasks[String(oldPort)];
  if (current && isRunning(current)) return;
  const credentials = ctx.store.readCredentials();
  if (!credentials) throw new Error("the database's credentials are missing");
  const port = (await canListen(oldPort)) ? oldPort : ((await ports.allocate(1))[0] ?? oldPort);
  const task = await startTask(port, {
    repoRoot: ctx.repoRoot,
    logsDir: ctx.paths.logs,
    pidsDir: ctx.paths.pids,
    credentials,
    readyTimeoutMs: ctx.readyTimeoutMs,
    onStarted: (started) =>
      ctx.store.update((s) => {
        if (port !== oldPort) delete s.tasks[String(oldPort)];
        s.tasks[String(port)] = started;
        s.plan.taskPorts = s.plan.taskPorts.map((p) => (p === oldPort ? port : p));
      }),
  });
  watch(ctx, ports, port, task);
  if (port !== oldPort) await retargetNginx(ctx);
  const moved = port !== oldPort ? ` on 127.0.0.1:${port} (127.0.0.1:${oldPort} was taken)` : "";
  recordServiceEvent(
    ctx,
    serviceEventText(ctx.stackName, `has started 1 tasks: (task ${taskIdOf(port, task.pid)})${moved}.`),
  );
  const after = ctx.store.read();
  if (after?.plan.taskPorts.every((p) => isRunning(after.tasks[String(p)]))) {
    recordServiceEvent(ctx, serviceEventText(ctx.stackName, "has reached a steady state."));
  }
}

/** The replacement's new port into nginx's upstream (the load balancer registering the new target). */
async function retargetNginx(ctx: SandboxContext): Promise<void> {
  const state = ctx.store.read();
  if (!state?.nginx || !isRunning(state.nginx)) return;
  const conf = localNginxConf(state.plan.nginxPort, state.plan.taskPorts);
  if (confOnDisk(ctx.paths) === conf) return;
  await writeAndTestConf(ctx.paths, conf);
  await reloadAndSettle(state.nginx);
}

function retryLater(
  ctx: SandboxContext,
  ports: PortAllocator,
  port: number,
  failure: unknown,
  attempt: number,
): void {
  const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
  recordServiceEvent(
    ctx,
    serviceEventText(
      ctx.stackName,
      `was unable to start a task on 127.0.0.1:${port}: ${errorMessage(failure)}; retrying in ${Math.round(delay / 1000)} s.`,
    ),
  );
  const key = slot(ctx, port);
  backingOff.add(key);
  setTimeout(() => {
    backingOff.delete(key);
    void replace(ctx, ports, port, undefined, null, attempt + 1);
  }, delay).unref();
}
