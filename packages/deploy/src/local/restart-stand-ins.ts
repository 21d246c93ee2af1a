// After the private MariaDB stops (services.sh down, Ctrl-C on npm start) a live local environment keeps
// its state and its notes database, but its processes are gone: they cannot outlive the database. When
// the portal starts again it brings them back on the same ports over the same database (so notes
// survive). This is not an operation: the stack and its resources are unchanged, so no event is
// written. The outcome is kept in state.json (`standIns`), so the dashboard says when it failed.
import type { ProcessesProblem, RestartOutcome } from "../processes.js";
import { SERVING } from "../stack-status.js";
import { databaseExists } from "./database.js";
import { templateResources } from "./ordering.js";
import { errorMessage } from "./resource-steps.js";
import { applyRole, roleOf, type SandboxContext } from "./stand-ins.js";
import type { StackState, StandInsRestart } from "./state-store.js";
import { isRunning, processStartTime } from "./supervisor.js";

function hasEdge(ctx: SandboxContext): boolean {
  const resources = templateResources(ctx.store.readTemplate() ?? "{}");
  return resources.some((r) => roleOf(r, resources) === "edge");
}

/** What the stack should run but does not: "notes-api 127.0.0.1:20001", "nginx 127.0.0.1:20000". */
function missingStandIns(ctx: SandboxContext, state: StackState): string[] {
  const missing = state.plan.taskPorts
    .filter((port) => !isRunning(state.tasks[String(port)]))
    .map((port) => `notes-api 127.0.0.1:${port}`);
  if (hasEdge(ctx) && !isRunning(state.nginx)) missing.push(`nginx 127.0.0.1:${state.plan.nginxPort}`);
  return missing;
}

function record(ctx: SandboxContext, status: StandInsRestart["status"], reason?: string): void {
  const by = { pid: process.pid, startTime: processStartTime(process.pid) ?? "unknown" };
  ctx.store.update((s) => {
    s.standIns = { status, ...(reason ? { reason } : {}), at: new Date().toISOString(), by };
  });
}

const restartedElsewhere = (restart: StandInsRestart | undefined) =>
  restart?.status === "restarting" &&
  restart.by.pid !== process.pid &&
  processStartTime(restart.by.pid) === restart.by.startTime;

/**
 * Starts the stand-ins a live stack is missing: the notes-api processes first (they migrate, which is a
 * no-op on the kept database), then nginx over them. Never throws: a failure is the outcome's reason.
 */
export async function restartStandIns(ctx: SandboxContext): Promise<RestartOutcome> {
  const state = ctx.store.read();
  if (!state || !SERVING.has(state.status)) {
    return { status: "skipped", reason: `the stack is ${state?.status ?? "gone"}` };
  }
  if (restartedElsewhere(state.standIns)) {
    return { status: "skipped", reason: "another portal process is restarting it" };
  }
  const missing = missingStandIns(ctx, state);
  if (missing.length === 0) {
    if (state.standIns && state.standIns.status !== "running") record(ctx, "running");
    return { status: "running" };
  }
  record(ctx, "restarting");
  try {
    await assertDatabaseKept(ctx, state);
    await applyRole(ctx, "service", state.plan);
    if (hasEdge(ctx)) await applyRole(ctx, "edge", state.plan);
  } catch (error) {
    const reason = `could not restart ${missing.join(", ")}: ${errorMessage(error)}`;
    record(ctx, "failed", reason);
    const still = new Set(missingStandIns(ctx, ctx.store.read() ?? state));
    return { status: "failed", restarted: missing.filter((m) => !still.has(m)), reason };
  }
  record(ctx, "running");
  return { status: "restarted", restarted: missing };
}

/** Without its database the app would start empty or not at all: say so instead. */
async function assertDatabaseKept(ctx: SandboxContext, state: StackState): Promise<void> {
  const credentials = ctx.store.readCredentials();
  if (!credentials) throw new Error("the database's credentials are missing");
  if (!(await databaseExists(ctx.admin(), credentials.database))) {
    throw new Error(`the database ${state.plan.database.name} no longer exists on the private MariaDB`);
  }
}

/**
 * What the dashboard shows for a live stack: a restart in progress, or processes that should run and do
 * not (with the last restart's reason when it failed). Null once everything runs again.
 */
export function standInsProblem(ctx: SandboxContext): ProcessesProblem | null {
  const state = ctx.store.read();
  if (!state || !SERVING.has(state.status)) return null;
  const restart = state.standIns;
  if (restart?.status === "restarting" && processStartTime(restart.by.pid) === restart.by.startTime) {
    return { status: "restarting", reason: "the portal is starting this environment's processes again" };
  }
  const missing = missingStandIns(ctx, state);
  if (missing.length === 0) return null;
  const reason =
    restart?.status === "failed" && restart.reason ? restart.reason : `not running: ${missing.join(", ")}`;
  return { status: "down", reason };
}
