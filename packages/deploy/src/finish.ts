// Records how an operation ended, on the operation and on its environment, in one transaction.
import type { Operation } from "@stackyard/db";
import { estimateMonthlyCost, resolveSpec } from "@stackyard/templates";
import type { StackDescription } from "./driver.js";
import { outcomeOf } from "./outcome.js";
import { findRootCause } from "./root-cause.js";
import type { OperationStore, OperationWithEnvironment } from "./store/operation-store.js";
import { deleteTokenAfterUnprotect } from "./unprotect.js";

export async function finishOperation(
  store: OperationStore,
  operation: OperationWithEnvironment,
  stack: StackDescription | null,
): Promise<void> {
  const outcome = outcomeOf(operation.kind, stack?.status ?? null);
  const errorMessage =
    outcome.operationStatus === "succeeded" ? null : await describeFailure(store, operation, stack);
  await store.end(
    { operationId: operation.id, environmentId: operation.environmentId },
    { status: outcome.operationStatus, errorMessage },
    {
      status: outcome.environmentStatus,
      stackId: stack?.stackId ?? operation.environment.stackId,
      ...(stack && outcome.environmentStatus === "live" ? { outputs: stack.outputs } : {}),
      ...(operation.kind === "update" && outcome.operationStatus === "succeeded"
        ? appliedSpec(operation.specSnapshot)
        : {}),
    },
  );
}

/** A succeeded update makes its spec the environment's (a rolled-back one leaves the old one in place). */
function appliedSpec(specSnapshot: Operation["specSnapshot"]) {
  const spec = resolveSpec(specSnapshot);
  return { spec, monthlyCostUsd: estimateMonthlyCost(spec).totalMonthlyUsd };
}

/** UPDATE_ROLLBACK_FAILED blocks every later update and delete until the rollback is continued. */
const ROLLBACK_FAILED_HELP =
  "The update failed and so did its rollback (UPDATE_ROLLBACK_FAILED). CloudFormation accepts no update or delete of this stack until the rollback is continued: fix what the events name, then choose Continue rollback (or run `aws cloudformation continue-update-rollback --stack-name <stack ARN>`; https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html#troubleshooting-errors-update-rollback-failed).";

async function describeFailure(store: OperationStore, operation: Operation, stack: StackDescription | null) {
  const cause = await rootCauseOf(store, operation);
  if (stack?.status === "DELETE_FAILED") {
    const left = await resourcesLeftBehind(store, operation.environmentId);
    const reason = cause || stack.statusReason || "the delete failed";
    return `${reason}. Left behind: ${left.join(", ") || "none that the events name"}. Fix the cause, then delete again.`;
  }
  if (stack?.status === "UPDATE_ROLLBACK_FAILED")
    return cause ? `${cause}. ${ROLLBACK_FAILED_HELP}` : ROLLBACK_FAILED_HELP;
  return cause || (stack?.statusReason ?? `the stack ended in ${stack?.status ?? "an unknown state"}`);
}

/** The resources whose newest event is not DELETE_COMPLETE: what a failed delete left in place. */
async function resourcesLeftBehind(store: OperationStore, environmentId: string): Promise<string[]> {
  const events = await store.storedEvents({ environmentId });
  const newest = new Map(
    events
      .filter((e) => e.resourceType !== "AWS::CloudFormation::Stack")
      .map((e) => [e.logicalResourceId, e.resourceStatus]),
  );
  return [...newest].filter(([, status]) => status !== "DELETE_COMPLETE").map(([id]) => id);
}

/** "Resource: reason (check field)", or "" when no event names a cause. */
async function rootCauseOf(store: OperationStore, operation: Operation): Promise<string> {
  const stored = await store.storedEvents({ operationId: operation.id });
  // Where the target stamps request tokens (AWS), only this operation's own events can be its root cause.
  const tokens = [operation.clientRequestToken, deleteTokenAfterUnprotect(operation.clientRequestToken)];
  const own = stored.filter(
    (e) => e.clientRequestToken !== undefined && tokens.includes(e.clientRequestToken),
  );
  const cause = findRootCause(own.length > 0 ? own : stored);
  if (!cause) return "";
  return `${cause.logicalResourceId}: ${cause.reason}${cause.specField ? ` (check ${cause.specField})` : ""}`;
}
