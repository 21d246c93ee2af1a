// Personal API tokens for non-browser clients (the CLI, pipelines), sent as `Authorization: Bearer`.
// As with sessions, the token is 32 random bytes shown once; the api_tokens table keeps its SHA-256. A
// token acts for its owner with its own role, capped by the owner's role at each use (a demoted owner
// demotes their tokens). A revoked or expired token, or one whose owner is disabled, is refused by name
// and the refusal is audited; a token the table does not know is refused without an entry (nothing
// names an actor, and anyone could fill the log with guesses).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../audit/record";
import { requestAddress } from "../request-address";
import { type Role, roleAllows, type SessionUser } from "./roles";

/** Tokens start with this, so that secret scanners and people can tell one when they see it. */
const API_TOKEN_PREFIX = "sy_";
const MAX_TOKEN_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "is required").max(64, "must be at most 64 characters"),
  role: z.enum(["viewer", "deployer", "admin"], { error: "must be viewer, deployer or admin" }).optional(),
  expiresInDays: z
    .number()
    .int("must be a whole number of days")
    .min(1, "must be at least 1 day")
    .max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days`),
});
export type CreateTokenInput = z.infer<typeof createTokenInput>;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * The token of an `Authorization: Bearer <token>` header, or null when there is no Bearer header. Other
 * schemes (a proxy's Basic auth, which browsers resend) are not ours: the cookie decides then.
 */
export function readBearerToken(headers: Headers): string | null {
  const header = headers.get("authorization")?.trim();
  if (!header || !/^Bearer(\s|$)/i.test(header)) return null;
  // A malformed Bearer header is still a bearer attempt: it must not fall back to the cookie.
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? "";
}

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
  revokedAt: Date | null;
}

const VIEW = {
  id: true,
  name: true,
  role: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedAddress: true,
  revokedAt: true,
} as const;

export async function createApiToken(
  prisma: PrismaClient,
  actor: SessionUser,
  input: CreateTokenInput,
  request?: Request,
  now = new Date(),
): Promise<TokenView & { token: string }> {
  // A token cannot mint tokens: a leaked one must not be able to outlive its own expiry or revocation.
  if (actor.tokenId) {
    throw new TRPCError({ code: "FORBIDDEN", message: "API tokens are made from the portal's pages only." });
  }
  const role = input.role ?? actor.role;
  if (!roleAllows(actor.role, role)) {
    await recordAudit(prisma, {
      action: "token.create",
      outcome: "refused",
      actor,
      request,
      detail: { name: input.name, role, error: "role above the creator's" },
    });
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `A token's role can be at most yours (${actor.role}).`,
    });
  }
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const created = await prisma.apiToken.create({
    data: {
      tokenHash: hashToken(token),
      userId: actor.id,
      name: input.name,
      role,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
    },
    select: VIEW,
  });
  await recordAudit(prisma, {
    action: "token.create",
    outcome: "success",
    actor,
    request,
    target: { type: "token", id: created.id },
    detail: { name: created.name, role, expiresAt: created.expiresAt.toISOString() },
  });
  return { ...created, token };
}

export function listApiTokens(prisma: PrismaClient, userId: string): Promise<TokenView[]> {
  return prisma.apiToken.findMany({ where: { userId }, select: VIEW, orderBy: { createdAt: "desc" } });
}

export async function revokeApiToken(
  prisma: PrismaClient,
  actor: SessionUser,
  id: string,
  request?: Request,
  now = new Date(),
): Promise<TokenView> {
  // Only the owner's own tokens: another user's id answers exactly like an unknown one.
  const found = await prisma.apiToken.findFirst({ where: { id, userId: actor.id }, select: VIEW });
  if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "You have no token with that id." });
  const revoked = found.revokedAt
    ? found
    : await prisma.apiToken.update({ where: { id }, data: { revokedAt: now }, select: VIEW });
  await recordAudit(prisma, {
    action: "token.revoke",
    outcome: "success",
    actor,
    request,
    target: { type: "token", id },
    detail: { name: found.name, alreadyRevoked: Boolean(found.revokedAt) },
  });
  return revoked;
}

/**
 * The user a bearer token acts for; throws UNAUTHORIZED (with the reason) when it is unknown, revoked,
 * expired or its owner is disabled. Each accepted use records when and from where.
 */
export async function userForApiToken(
  prisma: PrismaClient,
  token: string,
  request?: Request,
  now = new Date(),
): Promise<SessionUser> {
  const found = token.startsWith(API_TOKEN_PREFIX)
    ? await prisma.apiToken.findUnique({
        where: { tokenHash: hashToken(token) },
        include: { user: { select: { id: true, email: true, name: true, role: true, disabledAt: true } } },
      })
    : null;
  if (!found) throw new TRPCError({ code: "UNAUTHORIZED", message: "The API token is not valid." });
  const problem = found.revokedAt
    ? "The API token was revoked."
    : found.expiresAt <= now
      ? "The API token has expired."
      : found.user.disabledAt
        ? "The API token's user is disabled."
        : null;
  if (problem) {
    await recordAudit(prisma, {
      action: "token.use_refused",
      outcome: "refused",
      actor: { id: found.user.id, email: found.user.email },
      request,
      target: { type: "token", id: found.id },
      detail: { name: found.name, error: problem },
    });
    throw new TRPCError({ code: "UNAUTHORIZED", message: problem });
  }
  await prisma.apiToken.update({
    where: { id: found.id },
    data: { lastUsedAt: now, lastUsedAddress: requestAddress(request) },
  });
  const role = roleAllows(found.user.role, found.role) ? found.role : found.user.role;
  const { id, email, name } = found.user;
  return { id, email, name, role, sessionId: `token:${found.id}`, tokenId: found.id };
}

/** Whether a token still stands (for live streams opened with one). */
export async function apiTokenIsLive(prisma: PrismaClient, tokenId: string, now = new Date()) {
  const found = await prisma.apiToken.findUnique({
    where: { id: tokenId },
    select: { revokedAt: true, expiresAt: true, user: { select: { disabledAt: true } } },
  });
  return Boolean(found && !found.revokedAt && found.expiresAt > now && !found.user.disabledAt);
}
