// Deleting an environment whose database has deletion protection: phase one (started by the engine) is an
// update that turns the protection off; phase two, once that update is complete, deletes the stack. Both
// phases belong to the one delete operation, so both appear in its event stream.

import { type EnvironmentSpec, resolveSpec } from "@stackyard/templates";
import { type DeployDriver, type StackDescription, stackRefOf } from "./driver.js";
import { IN_PROGRESS } from "./stack-status.js";
import type { OperationStore, OperationWithEnvironment } from "./store/operation-store.js";

/** The phase of an update operation that only continues a failed rollback (ContinueUpdateRollback). */
export const CONTINUE_ROLLBACK_PHASE = "continue-rollback";

export function withoutDeletionProtection(spec: EnvironmentSpec): EnvironmentSpec {
  return { ...spec, database: { ...spec.database, deletionProtection: false } };
}

/** The second phase's token: CloudFormation takes one token per stack operation. */
export const deleteTokenAfterUnprotect = (clientRequestToken: string) => `${clientRequestToken}-delete`;

/**
 * Called on each poll while the protection is being turned off. "continue" while the update runs or once
 * the delete has started; "failed" (recorded here) when the update did not complete.
 */
export async function continueAfterUnprotect(
  store: OperationStore,
  driver: DeployDriver,
  operation: OperationWithEnvironment,
  stack: StackDescription | null,
): Promise<"continue" | "failed"> {
  const status = stack?.status ?? null;
  if (status && IN_PROGRESS.has(status)) return "continue";
  const { environment } = operation;
  if (status === "UPDATE_COMPLETE") {
    // The live stack now has the protection off: the spec says so, and a retried delete skips phase one.
    const spec = withoutDeletionProtection(resolveSpec(environment.spec));
    await store.setEnvironmentSpec(environment.id, spec);
    await driver.delete(stackRefOf(environment), deleteTokenAfterUnprotect(operation.clientRequestToken));
    await store.setPhase(operation.id, "deleting");
    return "continue";
  }
  const errorMessage =
    `Deletion protection could not be turned off (the stack ended in ${status || "an unknown state"}); nothing was deleted. ${stack?.statusReason ?? ""}`.trim();
  await store.end(
    { operationId: operation.id, environmentId: environment.id },
    { status: "failed", errorMessage },
    { status: status === "UPDATE_ROLLBACK_COMPLETE" ? "live" : "failed" },
  );
  return "failed";
}
