// Records how an operation ended, on the operation and on its environment, in one transaction.
import type { Environment, Operation, PrismaClient } from "@stackyard/db";
import { estimateMonthlyCost, resolveSpec } from "@stackyard/templates";
import type { StackDescription } from "./driver.js";
import { findRootCause } from "./failure.js";
import { outcomeOf } from "./outcome.js";
import { parseEventStatus } from "./stack-status.js";
import { deleteTokenAfterUnprotect } from "./unprotect.js";

export async function finishOperation(
  prisma: PrismaClient,
  operation: Operation & { environment: Environment },
  stack: StackDescription | null,
): Promise<void> {
  const outcome = outcomeOf(operation.kind, stack?.status ?? null);
  const errorMessage =
    outcome.operationStatus === "succeeded" ? null : await describeFailure(prisma, operation, stack);
  await prisma.$transaction([
    prisma.operation.update({
      where: { id: operation.id },
      data: {
        status: outcome.operationStatus,
        errorMessage,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
        // Over, so nothing is paused any more (cleared here, in the same write as the outcome).
        trackingIssue: null,
        trackingIssueSince: null,
      },
    }),
    prisma.environment.update({
      where: { id: operation.environmentId },
      data: {
        status: outcome.environmentStatus,
        stackId: stack?.stackId ?? operation.environment.stackId,
        ...(stack && outcome.environmentStatus === "live" ? { outputs: stack.outputs } : {}),
        ...(operation.kind === "update" && outcome.operationStatus === "succeeded"
          ? appliedSpec(operation.specSnapshot)
          : {}),
      },
    }),
  ]);
}

/** A succeeded update makes its spec the environment's (a rolled-back one leaves the old one in place). */
function appliedSpec(specSnapshot: Operation["specSnapshot"]) {
  const spec = resolveSpec(specSnapshot);
  return { spec: spec as object, monthlyCostUsd: estimateMonthlyCost(spec).totalMonthlyUsd };
}

/** UPDATE_ROLLBACK_FAILED blocks every later update and delete until the rollback is continued. */
const ROLLBACK_FAILED_HELP =
  "The update failed and so did its rollback (UPDATE_ROLLBACK_FAILED). CloudFormation accepts no update or delete of this stack until the rollback is continued: fix what the events name, then choose Continue rollback (or run `aws cloudformation continue-update-rollback --stack-name <stack ARN>`; https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html#troubleshooting-errors-update-rollback-failed).";

async function describeFailure(prisma: PrismaClient, operation: Operation, stack: StackDescription | null) {
  const cause = await rootCauseOf(prisma, operation);
  if (stack?.status === "DELETE_FAILED") {
    const left = await resourcesLeftBehind(prisma, operation.environmentId);
    const reason = cause || stack.statusReason || "the delete failed";
    return `${reason}. Left behind: ${left.join(", ") || "none that the events name"}. Fix the cause, then delete again.`;
  }
  if (stack?.status === "UPDATE_ROLLBACK_FAILED")
    return cause ? `${cause}. ${ROLLBACK_FAILED_HELP}` : ROLLBACK_FAILED_HELP;
  return cause || (stack?.statusReason ?? `the stack ended in ${stack?.status ?? "an unknown state"}`);
}

/** The resources whose newest event is not DELETE_COMPLETE: what a failed delete left in place. */
async function resourcesLeftBehind(prisma: PrismaClient, environmentId: string): Promise<string[]> {
  const events = await prisma.stackEvent.findMany({
    where: { environmentId, NOT: { resourceType: "AWS::CloudFormation::Stack" } },
    orderBy: { id: "asc" },
    select: { logicalResourceId: true, resourceStatus: true },
  });
  const newest = new Map(events.map((e) => [e.logicalResourceId, e.resourceStatus]));
  return [...newest].filter(([, status]) => status !== "DELETE_COMPLETE").map(([id]) => id);
}

/** "Resource: reason (check field)", or "" when no event names a cause. */
async function rootCauseOf(prisma: PrismaClient, operation: Operation): Promise<string> {
  const stored = await prisma.stackEvent.findMany({ where: { operationId: operation.id } });
  // Where the target stamps request tokens (AWS), only this operation's own events can be its root cause.
  const tokens = [operation.clientRequestToken, deleteTokenAfterUnprotect(operation.clientRequestToken)];
  const own = stored.filter((e) => e.clientRequestToken !== null && tokens.includes(e.clientRequestToken));
  const events = own.length > 0 ? own : stored;
  const cause = findRootCause(
    events.map((e) => ({
      ...e,
      resourceStatus: parseEventStatus(e.resourceStatus),
      stackName: "",
      physicalResourceId: e.physicalResourceId ?? undefined,
      resourceStatusReason: e.resourceStatusReason ?? undefined,
      clientRequestToken: e.clientRequestToken ?? undefined,
    })),
  );
  if (!cause) return "";
  return `${cause.logicalResourceId}: ${cause.reason}${cause.specField ? ` (check ${cause.specField})` : ""}`;
}
