// The three operations, run in the background after execute()/delete() return: create (rolled back on
// failure), update (rolled back to the previous plan on failure) and delete. Statuses and events follow
// CloudFormation's, so the tracker and the dashboard need no local special case.
import { isInProgressStatus, type StackStatus } from "../stack-status.js";
import { checkDatabase, nginxConfDrifted } from "./drift-checks.js";
import type { EventLog } from "./events.js";
import { creationOrder, runInDependencyOrder, type TemplateResource } from "./ordering.js";
import { localOutputs } from "./outputs.js";
import { registeredProcesses } from "./process-registry.js";
import { applyResource, errorMessage, removeInReverseOrder, type Step } from "./resource-steps.js";
import { removeRole, roleOf, type SandboxContext } from "./stand-ins.js";
import type { SandboxPlan } from "./state-store.js";
import { isRunning, stopProcess } from "./supervisor.js";

export function setStatus(
  step: Step,
  status: StackStatus,
  reason?: string,
  outputs?: Record<string, string>,
): void {
  step.ctx.store.update((state) => {
    state.status = status;
    state.statusReason = reason;
    if (outputs) state.outputs = outputs;
    if (!isInProgressStatus(status)) delete state.runner;
  });
  step.events.stack(status, reason);
}

/** Whatever a stand-in left behind (e.g. after an interrupted operation): nothing may keep running. */
async function stopEverything(ctx: SandboxContext): Promise<void> {
  await removeRole(ctx, "edge");
  await removeRole(ctx, "service");
  // A portal killed between starting a process and recording it in the state leaves it only in the registry.
  const unrecorded = registeredProcesses().filter((entry) => entry.pidFile.startsWith(`${ctx.paths.pids}/`));
  for (const entry of unrecorded) {
    await stopProcess(
      { pid: entry.pid, startTime: entry.startTime, logFile: "" },
      { pidFile: entry.pidFile },
    );
  }
}

export async function runCreate(
  ctx: SandboxContext,
  events: EventLog,
  resources: TemplateResource[],
  plan: SandboxPlan,
  templateBody: string,
): Promise<void> {
  const step: Step = { ctx, events, all: resources };
  const failure = await runInDependencyOrder(resources, (r) => applyResource(step, r, plan, "CREATE"));
  if (!failure) {
    setStatus(step, "CREATE_COMPLETE", undefined, localOutputs(templateBody, ctx.stackName, plan, ctx.paths));
    return;
  }
  await rollbackCreate(
    step,
    `The following resource(s) failed to create: [${failure.logicalId}]. Rollback requested by user.`,
  );
}

export async function rollbackCreate(step: Step, reason: string): Promise<void> {
  setStatus(step, "ROLLBACK_IN_PROGRESS", reason);
  const failure = await removeInReverseOrder(step, step.all);
  await stopEverything(step.ctx).catch(() => undefined);
  if (failure) {
    setStatus(
      step,
      "ROLLBACK_FAILED",
      `The following resource(s) failed to delete: [${failure.logicalId}]. ${errorMessage(failure.error)}`,
    );
  } else setStatus(step, "ROLLBACK_COMPLETE", undefined, {});
}

export async function runDelete(ctx: SandboxContext, events: EventLog, resources: TemplateResource[]) {
  const step: Step = { ctx, events, all: resources };
  const failure = await removeInReverseOrder(step, resources, true);
  // Even when the database cannot be dumped and dropped (and so is kept), nothing is left running.
  await stopEverything(ctx);
  if (failure) {
    const reason = `The following resource(s) failed to delete: [${failure.logicalId}]. ${errorMessage(failure.error)}`;
    setStatus(step, "DELETE_FAILED", reason);
    return;
  }
  setStatus(step, "DELETE_COMPLETE", undefined, {});
}

export interface UpdateInput {
  oldResources: TemplateResource[];
  newResources: TemplateResource[];
  oldPlan: SandboxPlan;
  newPlan: SandboxPlan;
  templateBody: string;
  /** What a successful run ends in: UPDATE_COMPLETE, or UPDATE_ROLLBACK_COMPLETE when recovering. */
  completeStatus?: StackStatus;
}

/**
 * Whether a real stand-in must change for the new plan, though its template definition may not have: it
 * drifted (a task stopped, nginx.conf edited, the database user changed), so an update with the same spec
 * brings the sandbox back to its plan.
 */
async function locallyChanged(
  ctx: SandboxContext,
  resource: TemplateResource,
  all: TemplateResource[],
  input: UpdateInput,
) {
  const role = roleOf(resource, all);
  const state = ctx.store.read();
  const portsChanged = input.oldPlan.taskPorts.join() !== input.newPlan.taskPorts.join();
  if (role === "service")
    return portsChanged || input.newPlan.taskPorts.some((p) => !isRunning(state?.tasks[String(p)]));
  // The service's step retargets a running nginx itself (after its new tasks are ready), also repairing
  // an edited config; with the same ports, the edge's own step rewrites an edited one.
  if (role === "edge")
    return !isRunning(state?.nginx) || (!portsChanged && nginxConfDrifted(ctx, input.newPlan));
  // A check that cannot run (MariaDB unreachable) repairs nothing, rather than failing the update.
  if (role === "database") return (await checkDatabase(ctx).catch(() => null))?.status === "MODIFIED";
  return false;
}

export async function runUpdate(ctx: SandboxContext, events: EventLog, input: UpdateInput): Promise<void> {
  const step: Step = { ctx, events, all: input.newResources };
  const oldById = new Map(input.oldResources.map((r) => [r.logicalId, r]));
  const touched: { resource: TemplateResource; kind: "CREATE" | "UPDATE" }[] = [];
  const failure = await runInDependencyOrder(input.newResources, async (resource) => {
    const old = oldById.get(resource.logicalId);
    if (!old) {
      touched.push({ resource, kind: "CREATE" });
      return applyResource(step, resource, input.newPlan, "CREATE");
    }
    const same = old.definition === resource.definition;
    if (same && !(await locallyChanged(ctx, resource, input.newResources, input))) return;
    touched.push({ resource, kind: "UPDATE" });
    return applyResource(step, resource, input.newPlan, "UPDATE");
  });
  if (!failure) {
    ctx.store.writeTemplate(input.templateBody);
    ctx.store.update((state) => {
      state.plan = input.newPlan;
    });
    const newIds = new Set(input.newResources.map((r) => r.logicalId));
    const removed = input.oldResources.filter((r) => !newIds.has(r.logicalId));
    if (removed.length) {
      setStatus(step, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
      await removeInReverseOrder({ ...step, all: input.oldResources }, removed);
    }
    const outputs = localOutputs(input.templateBody, ctx.stackName, input.newPlan, ctx.paths);
    setStatus(step, input.completeStatus ?? "UPDATE_COMPLETE", undefined, outputs);
    return;
  }
  await rollbackUpdate(step, input, touched, failure.logicalId);
}

async function rollbackUpdate(
  step: Step,
  input: UpdateInput,
  touched: { resource: TemplateResource; kind: "CREATE" | "UPDATE" }[],
  failedId: string,
): Promise<void> {
  setStatus(
    step,
    "UPDATE_ROLLBACK_IN_PROGRESS",
    `The following resource(s) failed to update: [${failedId}].`,
  );
  const oldStep: Step = { ...step, all: input.oldResources };
  const updated = touched.filter((t) => t.kind === "UPDATE").map((t) => t.resource);
  try {
    for (const resource of creationOrder(updated)) {
      await applyResource(oldStep, resource, input.oldPlan, "UPDATE");
    }
  } catch (error) {
    setStatus(step, "UPDATE_ROLLBACK_FAILED", errorMessage(error));
    return;
  }
  const created = touched.filter((t) => t.kind === "CREATE").map((t) => t.resource);
  if (created.length) {
    setStatus(step, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
    await removeInReverseOrder(step, created);
  }
  step.ctx.store.update((state) => {
    state.plan = input.oldPlan;
  });
  setStatus(step, "UPDATE_ROLLBACK_COMPLETE");
}
