// Sign-in attempts are slowed per account and per address. The counts come from the audit log's failed
// sign-ins (which every portal replica writes), so a restart or a second replica does not reset them.
import type { PrismaClient } from "@stackyard/db";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts on one account within the window before it is locked for the rest of the window. */
export const MAX_FAILURES_PER_ACCOUNT = 5;
/** Failed attempts from one address (over any accounts) within the window. */
export const MAX_FAILURES_PER_ADDRESS = 20;

export type SignInAllowance = { allowed: true } | { allowed: false; message: string };

function minutesUntil(oldest: Date, now: Date): number {
  return Math.max(1, Math.ceil((oldest.getTime() + SIGN_IN_WINDOW_MS - now.getTime()) / 60_000));
}

async function recentFailures(prisma: PrismaClient, where: object, since: Date, limit: number) {
  return prisma.auditEntry.findMany({
    where: { action: "sign_in", outcome: "failure", at: { gt: since }, ...where },
    orderBy: { at: "desc" },
    take: limit,
    select: { at: true },
  });
}

export async function signInAllowance(
  prisma: PrismaClient,
  email: string,
  address: string | null,
  now = new Date(),
): Promise<SignInAllowance> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const forAccount = await recentFailures(prisma, { targetId: email }, since, MAX_FAILURES_PER_ACCOUNT);
  if (forAccount.length >= MAX_FAILURES_PER_ACCOUNT) {
    const wait = minutesUntil(forAccount.at(-1)?.at ?? now, now);
    return {
      allowed: false,
      message: `Too many failed sign-ins for this account. Try again in ${wait} minute${wait === 1 ? "" : "s"}, or ask an admin.`,
    };
  }
  if (address) {
    const fromAddress = await recentFailures(prisma, { address }, since, MAX_FAILURES_PER_ADDRESS);
    if (fromAddress.length >= MAX_FAILURES_PER_ADDRESS) {
      const wait = minutesUntil(fromAddress.at(-1)?.at ?? now, now);
      return {
        allowed: false,
        message: `Too many failed sign-ins from your address. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`,
      };
    }
  }
  return { allowed: true };
}
