// The tracker's database side: leases, stored events, and the final state of an operation.
import type { PrismaClient } from "@stackyard/db";
import type { StackEventRecord } from "./driver.js";

/**
 * Takes (or renews) the lease on an operation. One UPDATE, so two portal processes racing for the
 * same operation cannot both win: the loser sees count 0 and leaves polling to the winner.
 */
export async function claimLease(prisma: PrismaClient, operationId: string, owner: string, leaseMs: number) {
  const now = new Date();
  const { count } = await prisma.operation.updateMany({
    where: {
      id: operationId,
      status: { in: ["pending", "running"] },
      OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseExpiresAt: { lt: now } }],
    },
    data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

export async function releaseLease(prisma: PrismaClient, operationId: string, owner: string) {
  await prisma.operation.updateMany({
    where: { id: operationId, leaseOwner: owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}

/** The newest event stored for the environment: the cursor for the next read from the target. */
export async function lastStoredEventId(prisma: PrismaClient, environmentId: string) {
  const last = await prisma.stackEvent.findFirst({
    where: { environmentId },
    orderBy: { id: "desc" },
    select: { eventId: true },
  });
  return last?.eventId;
}

/** Stores events once each (EventId is unique per environment), however often a page is read again. */
export async function storeEvents(
  prisma: PrismaClient,
  ids: { environmentId: string; operationId: string },
  events: StackEventRecord[],
): Promise<number> {
  if (events.length === 0) return 0;
  const { count } = await prisma.stackEvent.createMany({
    skipDuplicates: true,
    data: events.map((e) => ({
      ...ids,
      eventId: e.eventId,
      logicalResourceId: e.logicalResourceId,
      physicalResourceId: e.physicalResourceId ?? null,
      resourceType: e.resourceType,
      resourceStatus: e.resourceStatus,
      resourceStatusReason: e.resourceStatusReason ?? null,
      clientRequestToken: e.clientRequestToken ?? null,
      timestamp: e.timestamp,
    })),
  });
  return count;
}
