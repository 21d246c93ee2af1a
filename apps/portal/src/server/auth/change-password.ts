// A signed-in user changes their own password. Whoever holds a stolen session must still know the
// current password (a wrong one counts as a failed sign-in, so the sign-in throttle bounds guessing), and
// the change ends every other session of the account: a session stolen before the change dies with it.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import { fieldError } from "../field-errors";
import { requestAddress } from "../request-address";
import type { changePasswordInput } from "./inputs";
import { hashPassword, verifyPassword } from "./password";
import { weakPasswordForAccount } from "./password-policy";
import { signInAllowance } from "./rate-limit";
import type { SessionUser } from "./roles";

export async function changePassword(
  prisma: PrismaClient,
  actor: SessionUser,
  input: z.output<typeof changePasswordInput>,
  request?: Request,
): Promise<{ otherSessionsEnded: number }> {
  const target = { type: "account", id: actor.email } as const;
  const allowance = await signInAllowance(prisma, actor.email, requestAddress(request));
  if (!allowance.allowed) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: allowance.message });
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    // Recorded as a failed sign-in: the throttle (rate-limit.ts) counts it like one.
    await recordAudit(prisma, {
      action: "sign_in",
      outcome: "failure",
      actor,
      actorEmail: actor.email,
      request,
      target,
      detail: { reason: "wrong current password (password change)" },
    });
    throw fieldError("BAD_REQUEST", [{ path: "currentPassword", message: "is not your current password" }]);
  }
  const weak = weakPasswordForAccount(input.newPassword, user.email);
  if (weak) throw fieldError("BAD_REQUEST", [{ path: "newPassword", message: weak }]);
  const passwordHash = await hashPassword(input.newPassword);
  const otherSessionsEnded = await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id, id: { not: actor.sessionId } } });
    return ended.count;
  });
  await recordAudit(prisma, {
    action: "password_change",
    outcome: "success",
    actor,
    request,
    target: { type: "user", id: user.id },
    detail: { otherSessionsEnded },
  });
  return { otherSessionsEnded };
}
