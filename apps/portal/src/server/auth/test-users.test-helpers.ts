// For router tests: a real user row (environments reference their owner) and the session view of it.
// Its password hash matches no password, so it can never sign in.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@stackyard/db";
import type { Role, SessionUser } from "./roles";

export async function createTestUser(
  prisma: PrismaClient,
  role: Role,
  email = `${role}-${randomUUID()}@example.test`,
): Promise<SessionUser> {
  const user = await prisma.user.create({
    data: { email, name: `Test ${role}`, role, passwordHash: "no-password" },
  });
  return { id: user.id, email: user.email, name: user.name, role, sessionId: "test-session" };
}

/** A signed-in viewer for callers that never touch the users table (its id exists nowhere). */
export const DETACHED_VIEWER: SessionUser = {
  id: "00000000-0000-4000-8000-000000000000",
  email: "viewer@example.test",
  name: "Viewer",
  role: "viewer",
  sessionId: "test-session",
};
