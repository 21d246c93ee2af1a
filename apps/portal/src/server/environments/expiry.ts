// Preview environments: when the portal deletes an environment by itself. The deadline is checked against
// the clock when it is set (in the future, at most MAX_EXPIRY_DAYS ahead), at launch and by setExpiry.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { fieldError } from "../field-errors";
import { environmentId, expiresAtValue } from "./inputs";

const MAX_EXPIRY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

export const setExpiryInput = z.object({
  id: environmentId,
  /** null: keep the environment until someone deletes it. */
  expiresAt: expiresAtValue.nullable(),
});

/** Refuses a deadline in the past or too far ahead, naming the field; returns it unchanged otherwise. */
export function checkExpiry(expiresAt: Date, now = new Date()): Date {
  const latest = new Date(now.getTime() + MAX_EXPIRY_DAYS * DAY_MS);
  let message: string | null = null;
  if (expiresAt.getTime() <= now.getTime()) {
    message = `must be in the future (it is ${expiresAt.toISOString()}, now is ${now.toISOString()})`;
  } else if (expiresAt.getTime() > latest.getTime()) {
    message = `must be at most ${MAX_EXPIRY_DAYS} days ahead, by ${latest.toISOString()}`;
  }
  if (message) throw fieldError("BAD_REQUEST", [{ path: "expiresAt", message }], `expiresAt ${message}`);
  return expiresAt;
}

/** Statuses whose expiry may change: a draft is not running yet, a deleted one is gone. */
const SETTABLE = ["pending", "creating", "live", "updating", "failed"] as const;

export interface ExpiryResult {
  environmentId: string;
  expiresAt: Date | null;
  previous: Date | null;
}

export async function setExpiry(
  prisma: PrismaClient,
  input: z.output<typeof setExpiryInput>,
  now = new Date(),
): Promise<ExpiryResult> {
  const expiresAt = input.expiresAt === null ? null : checkExpiry(input.expiresAt, now);
  const environment = await prisma.environment.findUnique({
    where: { id: input.id },
    select: { status: true, expiresAt: true },
  });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  // Conditional on the status, so a delete that starts meanwhile is not given a deadline afterwards.
  const { count } = await prisma.environment.updateMany({
    where: { id: input.id, status: { in: [...SETTABLE] } },
    data: { expiresAt },
  });
  if (count === 0) {
    const message =
      environment.status === "draft"
        ? "This environment is a draft: choose its expiry when you launch it"
        : `This environment is ${environment.status}; it has no expiry to change`;
    throw new TRPCError({ code: "CONFLICT", message });
  }
  return { environmentId: input.id, expiresAt, previous: environment.expiresAt };
}
