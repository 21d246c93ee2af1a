// Server-side sessions: the cookie carries 32 random bytes; the sessions table keeps their SHA-256,
// the user, the address and an absolute expiry. Signing out deletes the row; signing out everywhere
// deletes all of a user's rows; disabling a user does the same.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@stackyard/db";
import type { SessionUser } from "./roles";

/** Sessions end 12 hours after sign-in (a working day), whatever happens in between. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function startSession(
  prisma: PrismaClient,
  userId: string,
  client: { address: string | null; userAgent: string | null },
  now = new Date(),
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expiresAt,
      address: client.address,
      userAgent: client.userAgent?.slice(0, 255) ?? null,
    },
  });
  return { token, expiresAt };
}

/** The user behind a session token, or null when it is unknown, expired, or the user is disabled. */
export async function userForToken(
  prisma: PrismaClient,
  token: string | null,
  now = new Date(),
): Promise<SessionUser | null> {
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
  });
  if (!session || session.expiresAt <= now || session.user.disabledAt) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role, sessionId: session.id };
}

/** Whether a session still stands: not ended, not expired, its user not disabled (for live streams). */
export async function sessionIsLive(
  prisma: PrismaClient,
  sessionId: string,
  now = new Date(),
): Promise<boolean> {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { disabledAt: true } } },
  });
  return Boolean(session && session.expiresAt > now && !session.user.disabledAt);
}

export async function endSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export async function endAllSessions(prisma: PrismaClient, userId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId } });
  return count;
}

/** Expired rows are useless; they are removed opportunistically at each sign-in. */
export async function removeExpiredSessions(prisma: PrismaClient, now = new Date()): Promise<void> {
  await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
}
