// Starting the expiry scheduler with the portal (deploy-engine.ts), once per process. `npm run serve` has
// already refused a bad STACKYARD_EXPIRY_INTERVAL_MS (config.ts); `next start` alone has not, hence the
// fallback below.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { logger } from "../logger";
import type { OperationStarter } from "../operations/hand-over";
import { DEFAULT_EXPIRY_INTERVAL_MS, expiryIntervalMs } from "./expiry-interval";
import { ExpiryScheduler } from "./expiry-scheduler";

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
