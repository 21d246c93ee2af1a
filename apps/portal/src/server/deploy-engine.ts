// The portal process's deploy engine: one per process, created on first use. On creation it resumes
// tracking every operation that was running when the process last stopped, starts those still pending,
// then restarts the processes
// of live local environments that stopped with the database.

import "server-only";
import { getPrismaClient } from "@stackyard/db";
import { DeployEngine } from "@stackyard/deploy";
import { restartLocalEnvironments } from "@stackyard/deploy/local";
import { driverFor } from "./deploy-drivers";
import { startExpiryScheduler } from "./environments/expiry-boot";
import { errorText, logger } from "./logger";
import { startAdoptingOperations } from "./operations/adopt";
import { probeAfterOperation } from "./readiness/run";

const globalForEngine = globalThis as unknown as { stackyardDeployEngine?: DeployEngine };

export function getDeployEngine(): DeployEngine {
  if (!globalForEngine.stackyardDeployEngine) {
    const prisma = getPrismaClient();
    // A succeeded create or update is followed by a readiness probe (fire-and-forget, read-only).
    const afterFinish = (operationId: string) => probeAfterOperation(prisma, operationId);
    const engine = new DeployEngine({ prisma, driverFor, afterFinish, logger });
    globalForEngine.stackyardDeployEngine = engine;
    // Deletes expired preview environments (environments/expiry-scheduler.ts), one replica at a time.
    startExpiryScheduler(prisma, engine);
    // Takes over the running operations of a replica that stopped (operations/adopt.ts).
    startAdoptingOperations(engine);
    void engine.tracker
      .followRunning()
      // Operations recorded but never started (the process stopped between the two) start now.
      .then(() => engine.resumePending())
      .catch((error) => logger.error({ error: errorText(error) }, "resume failed"))
      // Then the processes of live local environments that stopped with the database.
      .then(() => {
        const processes = driverFor("local", "local").processes;
        return processes && restartLocalEnvironments(getPrismaClient(), processes, logger);
      })
      .catch((error) => logger.error({ error: errorText(error) }, "local restart failed"));
  }
  return globalForEngine.stackyardDeployEngine;
}
