// Replicas share their operations (docs/running-for-a-team.md). A replica tracks the operations it
// starts and, when it starts itself, those already running; without more, an operation whose replica
// stopped for good would wait for another replica's restart. So every replica also looks for running
// operations once per lease period and tracks them too: the tracker's lease (packages/deploy) lets one
// replica poll each of them, and hands an operation over once its holder's lease has lapsed.
import "server-only";
import type { DeployEngine } from "@stackyard/deploy";
import { errorText, logger } from "../logger";

/** The tracker's lease period: looking more often would find nothing new to take over. */
const ADOPT_EVERY_MS = 30_000;

const globalForAdoption = globalThis as unknown as { stackyardAdoption?: ReturnType<typeof setInterval> };

export function startAdoptingOperations(
  engine: Pick<DeployEngine, "tracker">,
  everyMs = ADOPT_EVERY_MS,
): void {
  if (globalForAdoption.stackyardAdoption) return;
  const timer = setInterval(() => {
    engine.tracker
      .followRunning()
      .catch((error: unknown) =>
        logger.warn({ error: errorText(error) }, "looking for running operations failed"),
      );
  }, everyMs);
  // Never the reason a process stays alive.
  timer.unref();
  globalForAdoption.stackyardAdoption = timer;
}

/** For tests: stops looking. */
export function stopAdoptingOperations(): void {
  clearInterval(globalForAdoption.stackyardAdoption);
  globalForAdoption.stackyardAdoption = undefined;
}
