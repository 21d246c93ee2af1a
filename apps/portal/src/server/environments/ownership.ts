// Who may change an environment: its owner (the deployer who drafted or launched it) or an admin.
// Environments from before sign-in existed have no owner: only admins may change those.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../auth/roles";

function mayChange(user: SessionUser, ownerId: string | null): boolean {
  return user.role === "admin" || (user.role === "deployer" && ownerId === user.id);
}

/**
 * Refuses unless the user may change the environment. A missing environment is left to the operation
 * itself, which reports NOT_FOUND in its own words. With no user (server-side callers) there is nobody
 * to check: the procedure builders refuse anonymous callers before this runs.
 */
export async function assertMayChange(
  prisma: PrismaClient,
  user: SessionUser | null | undefined,
  environmentId: string,
): Promise<void> {
  if (!user) return;
  const environment = await prisma.environment.findUnique({
    where: { id: environmentId },
    select: { ownerId: true, name: true },
  });
  if (environment && !mayChange(user, environment.ownerId)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `${environment.name} belongs to another user; only its owner or an admin may change it.`,
    });
  }
}
