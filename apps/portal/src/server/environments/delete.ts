// Delete: a draft is simply removed; a launched environment gets a delete operation for the engine.

import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import { type OperationStarter, startOperation } from "../operations/hand-over";

export type DeleteResult = { removedDraft: true } | { removedDraft: false; operationId: string };

const DELETABLE = new Set(["live", "failed"]);

export async function deleteEnvironment(
  prisma: PrismaClient,
  id: string,
  starter?: OperationStarter,
  /** The expiry scheduler: only if the environment's deadline is still at or before this instant. */
  expiredBy?: Date,
): Promise<DeleteResult> {
  const environment = await prisma.environment.findUnique({ where: { id } });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  if (environment.status === "draft") {
    await prisma.environment.delete({ where: { id } });
    return { removedDraft: true };
  }
  if (!DELETABLE.has(environment.status)) {
    const message =
      environment.status === "deleted"
        ? "This environment is already deleted"
        : `This environment is ${environment.status}; wait until its operation finishes`;
    throw new TRPCError({ code: "CONFLICT", message });
  }
  const operation = await prisma.$transaction(async (tx) => {
    // Conditional on the status, so a concurrent launch or delete cannot be overtaken.
    const { count } = await tx.environment.updateMany({
      where: {
        id,
        status: { in: [...DELETABLE] as ("live" | "failed")[] },
        ...(expiredBy ? { expiresAt: { lte: expiredBy } } : {}),
      },
      // An expiry is used once: should this delete fail, the environment stays (failed) for a person to
      // look at, rather than the scheduler deleting it again every interval.
      data: { status: "deleting", ...(expiredBy ? { expiresAt: null } : {}) },
    });
    if (count === 0) throw new TRPCError({ code: "CONFLICT", message: "This environment changed meanwhile" });
    return tx.operation.create({
      data: {
        environmentId: id,
        kind: "delete",
        status: "pending",
        specSnapshot: environment.spec as object,
        clientRequestToken: randomUUID(),
      },
    });
  });
  await startOperation(starter, operation.id);
  return { removedDraft: false, operationId: operation.id };
}
