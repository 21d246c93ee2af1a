// A named lease in the database (the `leases` table): which portal process does a piece of periodic work
// that belongs to no single row, until when. The same discipline as the tracker's lease on an operation
// (packages/deploy/src/operation-store.ts claimLease): one conditional write decides, so two replicas
// racing for it cannot both win, and a holder that died is replaced once its lease lapses.
import "server-only";
import type { PrismaClient } from "@stackyard/db";

export async function claimNamedLease(
  prisma: PrismaClient,
  name: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + leaseMs);
  // The first claim ever creates the row; the primary key lets exactly one of two racing inserts in.
  const created = await prisma.lease.createMany({ data: [{ name, owner, expiresAt }], skipDuplicates: true });
  if (created.count === 1) return true;
  const { count } = await prisma.lease.updateMany({
    where: { name, OR: [{ owner }, { expiresAt: { lt: now } }] },
    data: { owner, expiresAt },
  });
  return count === 1;
}

/** Lets another process take the lease at once (a clean shutdown), if this owner still holds it. */
export async function releaseNamedLease(prisma: PrismaClient, name: string, owner: string): Promise<void> {
  await prisma.lease.updateMany({ where: { name, owner }, data: { expiresAt: new Date(0) } });
}
