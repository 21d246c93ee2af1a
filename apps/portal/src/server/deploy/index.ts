// The portal process's deploy engine: one per process, created on first use. On creation it resumes
// tracking every operation that was running when the process last stopped.
import { getPrismaClient } from "@stackyard/db";
import { driverFor } from "./drivers";
import { DeployEngine } from "./engine";

const globalForEngine = globalThis as unknown as { stackyardDeployEngine?: DeployEngine };

export function getDeployEngine(): DeployEngine {
  if (!globalForEngine.stackyardDeployEngine) {
    const engine = new DeployEngine({ prisma: getPrismaClient(), driverFor });
    globalForEngine.stackyardDeployEngine = engine;
    void engine.tracker
      .resumeAll()
      .catch((error) =>
        console.error(JSON.stringify({ level: "error", msg: "resume failed", error: String(error) })),
      );
  }
  return globalForEngine.stackyardDeployEngine;
}
