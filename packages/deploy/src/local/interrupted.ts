// A portal process that stops mid-operation leaves the stack *_IN_PROGRESS. The next driver to read the
// stack (in any portal process) finishes the job safely: an interrupted create or update is rolled back,
// an interrupted delete or rollback is carried on. Processes the sandbox started keep running meanwhile.
import { failedFrom, isInProgressStatus } from "../stack-status.js";
import { EventLog } from "./events.js";
import { rollbackCreate, runDelete, runUpdate, setStatus } from "./operations.js";
import { type TemplateResource, templateResources } from "./ordering.js";
import { errorMessage } from "./resource-steps.js";
import type { SandboxContext } from "./stand-ins.js";
import type { StackState } from "./state-store.js";
import { processStartTime } from "./supervisor.js";

export const INTERRUPTED = "interrupted: the portal process running this operation stopped";

export function runnerIdentity(): { pid: number; startTime: string } {
  return { pid: process.pid, startTime: processStartTime(process.pid) ?? "unknown" };
}

function runnerAlive(state: StackState): boolean {
  return Boolean(state.runner && processStartTime(state.runner.pid) === state.runner.startTime);
}

/** The work that finishes an interrupted operation, or null when there is nothing to take over. */
export function recoverInterrupted(ctx: SandboxContext, state: StackState): (() => Promise<void>) | null {
  if (!state.status.endsWith("_IN_PROGRESS") || runnerAlive(state)) return null;
  ctx.store.update((s) => {
    s.runner = runnerIdentity();
  });
  const events = new EventLog(ctx.store, state.stackName, state.stackId);
  const stored = templateResources(ctx.store.readTemplate() ?? "{}");
  // Resources the state knows but the stored template does not (added by an interrupted update).
  const known = new Set(stored.map((r) => r.logicalId));
  const extra: TemplateResource[] = Object.entries(state.resources)
    .filter(([id]) => !known.has(id))
    .map(([logicalId, r]) => ({ logicalId, type: r.type, dependsOn: [], definition: "" }));
  const all = [...stored, ...extra];
  const step = { ctx, events, all };
  failInProgressResources(ctx, events, state);
  switch (state.status) {
    case "CREATE_IN_PROGRESS":
    case "ROLLBACK_IN_PROGRESS":
      return () => rollbackCreate(step, `${INTERRUPTED}. Rollback requested.`);
    case "DELETE_IN_PROGRESS":
      return () => runDelete(ctx, events, all);
    case "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS":
      return async () => {
        ctx.store.update((s) => {
          s.status = "UPDATE_COMPLETE";
          delete s.runner;
        });
        events.stack("UPDATE_COMPLETE");
      };
    default:
      // UPDATE_IN_PROGRESS and the update rollback states: back to the plan and template on record.
      return () => {
        setStatus(step, "UPDATE_ROLLBACK_IN_PROGRESS", INTERRUPTED);
        return runUpdate(ctx, events, {
          oldResources: all,
          newResources: stored,
          oldPlan: state.plan,
          newPlan: state.plan,
          templateBody: ctx.store.readTemplate() ?? "{}",
          completeStatus: "UPDATE_ROLLBACK_COMPLETE",
        }).catch((error: unknown) => {
          throw new Error(`recovering ${state.status}: ${errorMessage(error)}`);
        });
      };
  }
}

function failInProgressResources(ctx: SandboxContext, events: EventLog, state: StackState): void {
  for (const [logicalId, resource] of Object.entries(state.resources)) {
    if (!isInProgressStatus(resource.status)) continue;
    const failed = failedFrom(resource.status);
    events.resource(logicalId, resource.type, failed, INTERRUPTED);
    ctx.store.update((s) => {
      const entry = s.resources[logicalId];
      if (entry) entry.status = failed;
    });
  }
}
