// Sign-in attempts are throttled, never locked for good. The counts come from the audit log's failed
// sign-ins (which every portal replica writes), so a restart or a second replica does not reset them.
//
// - Per account and address: a few free failures, then each further attempt waits twice as long as the
//   one before (1 s, 2 s, 4 s … up to 5 minutes). Someone guessing from elsewhere slows only themselves:
//   the owner's own address still gets in.
// - Per address (over any accounts): a ceiling, against one address spraying many accounts.
// - Per account (over all addresses): a ceiling against a distributed guess. It blocks the owner too, so
//   an admin can lift it (users.unlock, audited as user.unlock): every count starts after the last unlock.
import "server-only";
import type { PrismaClient } from "@stackyard/db";

const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failures from one address on one account within the window before the delays start. */
const FREE_FAILURES_PER_SOURCE = 3;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60 * 1000;
/** Failed attempts from one address (over any accounts) within the window. */
const MAX_FAILURES_PER_ADDRESS = 20;
/** Failed attempts on one account from all addresses within a day, until an admin unlocks it. */
export const ACCOUNT_CEILING = 100;
const ACCOUNT_CEILING_WINDOW_MS = 24 * 60 * 60 * 1000;

export type SignInAllowance = { allowed: true } | { allowed: false; message: string };

/** The wait after `failures` failures from one source: none for the first few, then doubling. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES_PER_SOURCE) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES_PER_SOURCE));
}

function duration(ms: number): string {
  if (ms < 60_000) {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return `${seconds} second${seconds === 1 ? "" : "s"}`;
  }
  const minutes = Math.ceil(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

const FAILED_SIGN_IN = { action: "sign_in", outcome: "failure" } as const;

/** The id of the account's last unlock: failures before it no longer count. */
async function lastUnlock(prisma: PrismaClient, email: string): Promise<bigint> {
  const unlock = await prisma.auditEntry.findFirst({
    where: { action: "user.unlock", outcome: "success", targetType: "account", targetId: email },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  return unlock?.id ?? 0n;
}

/** Failed sign-ins on the account (from anywhere) within the day, since its last unlock. */
async function accountFailures(prisma: PrismaClient, email: string, afterUnlock: object, now: Date) {
  return prisma.auditEntry.count({
    where: {
      ...FAILED_SIGN_IN,
      targetId: email,
      at: { gt: new Date(now.getTime() - ACCOUNT_CEILING_WINDOW_MS) },
      ...afterUnlock,
    },
  });
}

/** Whether the account is at its ceiling: nobody signs in until an admin unlocks it (the users page). */
export async function accountLocked(prisma: PrismaClient, email: string, now = new Date()): Promise<boolean> {
  const afterUnlock = { id: { gt: await lastUnlock(prisma, email) } };
  return (await accountFailures(prisma, email, afterUnlock, now)) >= ACCOUNT_CEILING;
}

export async function signInAllowance(
  prisma: PrismaClient,
  email: string,
  address: string | null,
  now = new Date(),
): Promise<SignInAllowance> {
  const afterUnlock = { id: { gt: await lastUnlock(prisma, email) } };
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);

  if ((await accountFailures(prisma, email, afterUnlock, now)) >= ACCOUNT_CEILING) {
    return {
      allowed: false,
      message: "Too many failed sign-ins for this account from many places. Ask an admin to unlock it.",
    };
  }

  const fromSource = await prisma.auditEntry.findMany({
    where: { ...FAILED_SIGN_IN, targetId: email, address, at: { gt: windowStart }, ...afterUnlock },
    orderBy: { id: "desc" },
    take: 32,
    select: { at: true },
  });
  const wait = (fromSource[0]?.at.getTime() ?? 0) + delayAfter(fromSource.length) - now.getTime();
  if (wait > 0) {
    return {
      allowed: false,
      message: `Too many failed sign-ins for this account from your address. Try again in ${duration(wait)}.`,
    };
  }

  if (address) {
    const fromAddress = await prisma.auditEntry.findMany({
      where: { ...FAILED_SIGN_IN, address, at: { gt: windowStart } },
      orderBy: { at: "desc" },
      take: MAX_FAILURES_PER_ADDRESS,
      select: { at: true },
    });
    if (fromAddress.length >= MAX_FAILURES_PER_ADDRESS) {
      const oldest = fromAddress.at(-1)?.at ?? now;
      return {
        allowed: false,
        message: `Too many failed sign-ins from your address. Try again in ${duration(oldest.getTime() + SIGN_IN_WINDOW_MS - now.getTime())}.`,
      };
    }
  }
  return { allowed: true };
}
