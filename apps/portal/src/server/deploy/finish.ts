// Records how an operation ended, on the operation and on its environment, in one transaction.
import type { Environment, Operation, PrismaClient } from "@stackyard/db";
import { estimateMonthlyCost, resolveSpec } from "@stackyard/templates";
import type { StackDescription } from "./driver";
import { findRootCause } from "./failure";
import { outcomeOf } from "./outcome";

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

async function describeFailure(prisma: PrismaClient, operation: Operation, stack: StackDescription | null) {
  const events = await prisma.stackEvent.findMany({ where: { operationId: operation.id } });
  const cause = findRootCause(
    events.map((e) => ({
      ...e,
      stackName: "",
      physicalResourceId: e.physicalResourceId ?? undefined,
      resourceStatusReason: e.resourceStatusReason ?? undefined,
    })),
  );
  if (cause)
    return `${cause.logicalResourceId}: ${cause.reason}${cause.specField ? ` (check ${cause.specField})` : ""}`;
  return stack?.statusReason ?? `the stack ended in ${stack?.status ?? "an unknown state"}`;
}
