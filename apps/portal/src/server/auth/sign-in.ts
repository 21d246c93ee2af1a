// Signing in and the first-run setup. Both end with a new session whose cookie the router sets.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { requestAddress } from "../request-address";
import type { setupInput, signInInput } from "./inputs";
import { hashPassword, needsRehash, verifyAgainstDecoy, verifyPassword } from "./password";
import { signInAllowance } from "./rate-limit";
import type { SessionUser } from "./roles";
import { type NewSession, removeExpiredSessions, startSession } from "./sessions";
import { assertSetupToken, removeSetupToken } from "./setup-token";

export interface SignedIn {
  user: Omit<SessionUser, "sessionId">;
  session: NewSession;
}

function clientOf(request: Request | undefined) {
  return { address: requestAddress(request), userAgent: request?.headers.get("user-agent") ?? null };
}

export async function signIn(
  prisma: PrismaClient,
  input: z.output<typeof signInInput>,
  request?: Request,
  now = new Date(),
): Promise<SignedIn> {
  const client = clientOf(request);
  const audit = { action: "sign_in", actor: null, actorEmail: input.email, request } as const;
  const target = { type: "account", id: input.email } as const;
  const allowance = await signInAllowance(prisma, input.email, client.address, now);
  if (!allowance.allowed) {
    await recordAudit(prisma, { ...audit, outcome: "refused", target, detail: { reason: "rate limited" } });
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: allowance.message });
  }
  const user = await prisma.user.findUnique({ where: { email: input.email } });
  const matches = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyAgainstDecoy(input.password);
  if (!user || !matches) {
    await recordAudit(prisma, {
      ...audit,
      outcome: "failure",
      target,
      detail: { reason: "wrong e-mail or password" },
    });
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong e-mail or password." });
  }
  if (user.disabledAt) {
    await recordAudit(prisma, {
      ...audit,
      outcome: "refused",
      target,
      detail: { reason: "account disabled" },
    });
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This account is disabled. Ask an admin to enable it.",
    });
  }
  // Hashes from before the cost was raised reach today's cost now that we hold the password.
  if (needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(input.password);
    await prisma.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash },
    });
  }
  await removeExpiredSessions(prisma);
  const session = await startSession(prisma, user.id, client);
  await recordAudit(prisma, { ...audit, actor: user, outcome: "success", target });
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, session };
}

export async function needsSetup(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

/**
 * First run: creates the first admin, only while no user exists and only with the one-time setup token
 * (setup-token.ts; `dataDir` holds it), and signs them in.
 */
export async function setUpFirstAdmin(
  prisma: PrismaClient,
  input: z.output<typeof setupInput>,
  request?: Request,
  dataDir?: string,
): Promise<SignedIn> {
  const alreadySetUp = new TRPCError({
    code: "CONFLICT",
    message: "The portal is already set up: sign in, or ask an admin for an account.",
  });
  if (!(await needsSetup(prisma))) throw alreadySetUp;
  await assertSetupToken(input.setupToken, dataDir);
  const passwordHash = await hashPassword(input.password);
  const user = await prisma
    .$transaction(async (tx) => {
      // Locks the (empty) table's range: of two setups racing, one waits and then finds the other's admin.
      const existing = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users LIMIT 1 FOR UPDATE`;
      if (existing.length > 0) throw alreadySetUp;
      const { email, name } = input;
      return tx.user.create({ data: { email, name, role: "admin", passwordHash } });
    })
    .catch((error: unknown) => {
      // A racing setup shows up as a deadlock or a duplicate e-mail: the other one won.
      const raced = /deadlock|P2002|P2034|Duplicate entry/i.test(
        String((error as { code?: string }).code) + String(error),
      );
      throw raced ? alreadySetUp : error;
    });
  await removeSetupToken(dataDir);
  await recordAudit(prisma, {
    action: "setup",
    outcome: "success",
    actor: user,
    request,
    target: { type: "user", id: user.id },
    detail: { role: "admin" },
  });
  const session = await startSession(prisma, user.id, clientOf(request));
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, session };
}
