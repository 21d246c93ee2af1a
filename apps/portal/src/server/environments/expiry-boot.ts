// Starting the expiry scheduler with the portal (deploy-engine.ts), once per process.
import type { PrismaClient } from "@stackyard/db";
import { logger } from "../logger";
import type { OperationStarter } from "../operations/hand-over";
import { ExpiryScheduler } from "./expiry-scheduler";

export const EXPIRY_INTERVAL_VARIABLE = "STACKYARD_EXPIRY_INTERVAL_MS";
export const DEFAULT_EXPIRY_INTERVAL_MS = 60_000;
const MIN_MS = 1_000;
const MAX_MS = 3_600_000;

/** How often expired environments are looked for: whole milliseconds, 1 s to 1 h (default 1 min). */
export function expiryIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env[EXPIRY_INTERVAL_VARIABLE];
  if (raw === undefined || raw.trim() === "") return DEFAULT_EXPIRY_INTERVAL_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MIN_MS || value > MAX_MS) {
    throw new Error(
      `${EXPIRY_INTERVAL_VARIABLE} must be a whole number of milliseconds from ${MIN_MS} to ${MAX_MS}, not "${raw}"`,
    );
  }
  return value;
}

const globalForExpiry = globalThis as unknown as { stackyardExpiryScheduler?: ExpiryScheduler };

export function startExpiryScheduler(prisma: PrismaClient, starter: OperationStarter): void {
  if (globalForExpiry.stackyardExpiryScheduler) return;
  let intervalMs = DEFAULT_EXPIRY_INTERVAL_MS;
  try {
    intervalMs = expiryIntervalMs();
  } catch (error) {
    // A typo must not leave expired environments running: say so, and use the default.
    logger.error({ component: "expiry-scheduler", intervalMs }, (error as Error).message);
  }
  const scheduler = new ExpiryScheduler({ prisma, starter, intervalMs });
  globalForExpiry.stackyardExpiryScheduler = scheduler;
  scheduler.start();
}
