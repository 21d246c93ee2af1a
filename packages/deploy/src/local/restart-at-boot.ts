// At boot, after resuming the operations that were running: live local environments whose processes
// stopped with the database (services.sh down, Ctrl-C on npm start) are started again, one at a time
// (each waits for its notes-api processes to be ready). Each restart is logged; a failure is also kept
// beside the stack, where the dashboard reads it (ProcessControl.problem).
import type { PrismaClient } from "@stackyard/db";
import type { ProcessControl, RestartOutcome } from "../processes.js";

type Log = (entry: Record<string, unknown>) => void;

const jsonLog: Log = (entry) =>
  (entry.level === "error" ? console.error : console.log)(JSON.stringify(entry));

export async function restartLocalEnvironments(
  prisma: PrismaClient,
  processes: ProcessControl,
  log: Log = jsonLog,
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
      log({
        level: "info",
        msg: "local environment restarted",
        environmentId: id,
        stack: name,
        started: outcome.restarted,
      });
    } else if (outcome.status === "failed") {
      log({
        level: "error",
        msg: "local environment restart failed",
        environmentId: id,
        stack: name,
        reason: outcome.reason,
      });
    } else if (outcome.status === "skipped") {
      log({
        level: "info",
        msg: "local environment restart skipped",
        environmentId: id,
        stack: name,
        reason: outcome.reason,
      });
    }
  }
  return outcomes;
}
