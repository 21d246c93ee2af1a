// At boot, after resuming the operations that were running: live local environments whose processes
// stopped with the database (services.sh down, Ctrl-C on npm start) are started again, one at a time
// (each waits for its notes-api processes to be ready). Each restart is logged; a failure is also kept
// beside the stack, where the dashboard reads it (ProcessControl.problem).
import type { PrismaClient } from "@stackyard/db";
import { defaultLogger, type Logger } from "../logger.js";
import type { ProcessControl, RestartOutcome } from "../processes.js";

export async function restartLocalEnvironments(
  prisma: PrismaClient,
  processes: ProcessControl,
  logger: Logger = defaultLogger(),
): Promise<Map<string, RestartOutcome>> {
  const live = await prisma.environment.findMany({
    where: { target: "local", status: "live" },
    select: { id: true, name: true },
    orderBy: { createdAt: "asc" },
  });
  const outcomes = new Map<string, RestartOutcome>();
  for (const { id, name } of live) {
    const outcome = await processes.restart(name);
    outcomes.set(name, outcome);
    if (outcome.status === "restarted") {
      logger.info(
        {
          environmentId: id,
          stack: name,
          started: outcome.restarted,
        },
        "local environment restarted",
      );
    } else if (outcome.status === "failed") {
      logger.error(
        {
          environmentId: id,
          stack: name,
          reason: outcome.reason,
        },
        "local environment restart failed",
      );
    } else if (outcome.status === "skipped") {
      logger.info(
        {
          environmentId: id,
          stack: name,
          reason: outcome.reason,
        },
        "local environment restart skipped",
      );
    }
  }
  return outcomes;
}
