// environments.continueRollback: an AWS stack in UPDATE_ROLLBACK_FAILED accepts no update and no delete
// until its rollback is continued (after the cause is fixed). This records an update operation whose only
// step is ContinueUpdateRollback; the tracker follows it to UPDATE_ROLLBACK_COMPLETE (the environment is
// live again, on its previous version) or to a new failure.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ContinueUpdateRollback.html
import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@stackyard/db";
import { CONTINUE_ROLLBACK_PHASE } from "@stackyard/deploy";
import { TRPCError } from "@trpc/server";
import { type OperationStarter, startOperation } from "../operations/hand-over";

export async function continueRollback(
  prisma: PrismaClient,
  id: string,
  starter: OperationStarter | undefined,
): Promise<{ operationId: string }> {
  const environment = await prisma.environment.findUnique({
    where: { id },
    include: { operations: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  const last = environment.operations[0];
  if (
    environment.target !== "aws" ||
    environment.status !== "failed" ||
    !last?.errorMessage?.includes("UPDATE_ROLLBACK_FAILED")
  ) {
    throw new TRPCError({
      code: "CONFLICT",
      message:
        "Only an AWS environment whose update rollback failed (UPDATE_ROLLBACK_FAILED) can continue it",
    });
  }
  const operation = await prisma.$transaction(async (tx) => {
    const { count } = await tx.environment.updateMany({
      where: { id, status: "failed" },
      data: { status: "updating" },
    });
    if (count === 0) throw new TRPCError({ code: "CONFLICT", message: "This environment changed meanwhile" });
    return tx.operation.create({
      data: {
        environmentId: id,
        kind: "update",
        phase: CONTINUE_ROLLBACK_PHASE,
        status: "pending",
        specSnapshot: environment.spec as object,
        clientRequestToken: randomUUID(),
      },
    });
  });
  await startOperation(starter, operation.id);
  return { operationId: operation.id };
}
