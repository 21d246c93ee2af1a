// Recording an operation before it runs: the stack's status and first event are on disk when execute()
// or delete() returns, and the work that follows is handed back to run in the background.

import type { DeployRequest } from "../driver.js";
import type { StackStatus } from "../stack-status.js";
import type { AdminConnection } from "./database.js";
import { EventLog } from "./events.js";
import { runnerIdentity } from "./interrupted.js";
import { runCreate, runDelete, runUpdate } from "./operations.js";
import { type TemplateResource, templateResources } from "./ordering.js";
import type { PortAllocator } from "./ports.js";
import { planFor } from "./sandbox-plan.js";
import type { SandboxContext } from "./stand-ins.js";
import type { StackState } from "./state-store.js";

export interface Planning {
  admin: AdminConnection;
  ports: PortAllocator;
}

type Work = () => Promise<void>;

export async function startCreate(
  ctx: SandboxContext,
  stackId: string,
  resources: TemplateResource[],
  request: DeployRequest,
  planning: Planning,
): Promise<Work> {
  const plan = await planFor(request.stackName, request.spec, planning.admin, planning.ports);
  // A stack created again after DELETE_COMPLETE starts a fresh history; the old one is archived.
  const deleted = ctx.store.read();
  if (deleted) ctx.store.archive(deleted.stackId);
  ctx.store.ensureFolders();
  const now = new Date().toISOString();
  ctx.store.write({
    stackId,
    ...(request.environmentId ? { environmentId: request.environmentId } : {}),
    stackName: request.stackName,
    status: "CREATE_IN_PROGRESS",
    statusReason: "User Initiated",
    createdAt: now,
    updatedAt: now,
    tokens: [request.clientRequestToken],
    resources: {},
    plan,
    runner: runnerIdentity(),
    tasks: {},
    outputs: {},
  });
  ctx.store.writeTemplate(request.templateBody);
  const events = new EventLog(ctx.store, request.stackName, stackId);
  events.stack("CREATE_IN_PROGRESS", "User Initiated");
  return () => runCreate(ctx, events, resources, plan, request.templateBody);
}

export async function startUpdate(
  ctx: SandboxContext,
  state: StackState,
  resources: TemplateResource[],
  request: DeployRequest,
  planning: Planning,
): Promise<Work> {
  const oldResources = templateResources(ctx.store.readTemplate() ?? "{}");
  const newPlan = await planFor(request.stackName, request.spec, planning.admin, planning.ports, state.plan);
  markInProgress(ctx, "UPDATE_IN_PROGRESS", request.clientRequestToken);
  const events = new EventLog(ctx.store, request.stackName, state.stackId);
  events.stack("UPDATE_IN_PROGRESS", "User Initiated");
  const input = {
    oldResources,
    newResources: resources,
    oldPlan: state.plan,
    newPlan,
    templateBody: request.templateBody,
  };
  return () => runUpdate(ctx, events, input);
}

/** Null when there is nothing to delete, or this token already started the delete. */
export async function startDelete(ctx: SandboxContext, clientRequestToken: string): Promise<Work | null> {
  const state = ctx.store.read();
  if (!state || state.status === "DELETE_COMPLETE" || state.tokens.includes(clientRequestToken)) return null;
  if (state.status.endsWith("_IN_PROGRESS")) {
    throw new Error(
      `Stack [${ctx.stackName}] is in ${state.status} state: wait for it to finish, then delete`,
    );
  }
  const resources = templateResources(ctx.store.readTemplate() ?? "{}");
  markInProgress(ctx, "DELETE_IN_PROGRESS", clientRequestToken);
  const events = new EventLog(ctx.store, ctx.stackName, state.stackId);
  events.stack("DELETE_IN_PROGRESS", "User Initiated");
  return () => runDelete(ctx, events, resources);
}

function markInProgress(ctx: SandboxContext, status: StackStatus, token: string): void {
  ctx.store.update((s) => {
    s.status = status;
    s.statusReason = "User Initiated";
    s.tokens.push(token);
    s.runner = runnerIdentity();
  });
}
