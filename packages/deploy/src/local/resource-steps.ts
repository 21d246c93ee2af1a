// One resource's lifecycle step, with its events: *_IN_PROGRESS, the real work (or none, when simulated),
// then *_COMPLETE or *_FAILED with the reason. The state records every status as it changes.
import type { ResourceStatus } from "../stack-status.js";
import { type EventLog, SIMULATED } from "./events.js";
import { creationOrder, type TemplateResource } from "./ordering.js";
import { applyRole, removeRole, roleOf, type SandboxContext, simulatedReason } from "./stand-ins.js";
import type { SandboxPlan } from "./state-store.js";

export interface Step {
  ctx: SandboxContext;
  events: EventLog;
  /** Every resource of the template the resource belongs to (roles depend on their neighbours). */
  all: TemplateResource[];
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function record(step: Step, resource: TemplateResource, status: ResourceStatus, physicalId?: string): void {
  step.ctx.store.update((state) => {
    const previous = state.resources[resource.logicalId];
    state.resources[resource.logicalId] = {
      type: resource.type,
      status,
      physicalId: physicalId ?? previous?.physicalId,
    };
  });
}

/** kind "CREATE" or "UPDATE": both reconcile the stand-in towards `plan`. */
export async function applyResource(
  step: Step,
  resource: TemplateResource,
  plan: SandboxPlan,
  kind: "CREATE" | "UPDATE",
): Promise<void> {
  const { logicalId, type } = resource;
  step.events.resource(logicalId, type, `${kind}_IN_PROGRESS`);
  record(step, resource, `${kind}_IN_PROGRESS`);
  const role = roleOf(resource, step.all);
  try {
    const applied = await applyRole(step.ctx, role, plan);
    const physicalId = applied?.physicalId ?? `${step.ctx.stackName}-${logicalId}-local`;
    step.events.resource(
      logicalId,
      type,
      `${kind}_COMPLETE`,
      applied?.reason ?? simulatedReason(resource),
      physicalId,
    );
    record(step, resource, `${kind}_COMPLETE`, physicalId);
  } catch (error) {
    step.events.resource(logicalId, type, `${kind}_FAILED`, errorMessage(error));
    record(step, resource, `${kind}_FAILED`);
    throw error;
  }
}

/**
 * RDS's own refusal, word for word: a DB instance with deletion protection cannot be deleted
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection),
 * so a stack delete ends DELETE_FAILED until an update turns the protection off.
 */
export const PROTECTED_DB_REFUSAL =
  "Cannot delete protected DB Instance, please disable deletion protection and try again.";

function isProtectedDatabase(resource: TemplateResource): boolean {
  if (resource.type !== "AWS::RDS::DBInstance") return false;
  const definition = JSON.parse(resource.definition) as { Properties?: { DeletionProtection?: unknown } };
  return definition.Properties?.DeletionProtection === true;
}

async function removeResource(
  step: Step,
  resource: TemplateResource,
  honourDeletionProtection = false,
): Promise<void> {
  const { logicalId, type } = resource;
  step.events.resource(logicalId, type, "DELETE_IN_PROGRESS");
  record(step, resource, "DELETE_IN_PROGRESS");
  try {
    if (honourDeletionProtection && isProtectedDatabase(resource)) throw new Error(PROTECTED_DB_REFUSAL);
    const role = roleOf(resource, step.all);
    const reason = role === "simulated" ? SIMULATED : await removeRole(step.ctx, role);
    step.events.resource(logicalId, type, "DELETE_COMPLETE", reason);
    record(step, resource, "DELETE_COMPLETE");
  } catch (error) {
    step.events.resource(logicalId, type, "DELETE_FAILED", errorMessage(error));
    record(step, resource, "DELETE_FAILED");
    throw error;
  }
}

/**
 * Deletes the given resources that exist (per the state), dependants first: the reverse of creation
 * order. Stops at the first failure and returns it.
 */
export async function removeInReverseOrder(
  step: Step,
  resources: TemplateResource[],
  /** A stack delete (not a rollback): a protected database refuses, as RDS does. */
  honourDeletionProtection = false,
): Promise<{ logicalId: string; error: unknown } | null> {
  const existing = step.ctx.store.read()?.resources ?? {};
  const order = creationOrder(resources).reverse();
  for (const resource of order) {
    const status = existing[resource.logicalId]?.status;
    if (!status || status === "DELETE_COMPLETE") continue;
    try {
      await removeResource(step, resource, honourDeletionProtection);
    } catch (error) {
      return { logicalId: resource.logicalId, error };
    }
  }
  return null;
}
