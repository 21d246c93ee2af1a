// Portal replicas on one machine each run the local service scheduler over the same sandboxes: one of them
// replaces a given task. The lock is a file per task port in the stack's folder, created exclusively,
// holding its holder's pid and kernel start time; a lock whose holder is gone is taken over.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { processStartTime } from "./supervisor.js";

const me = () => `${process.pid} ${processStartTime(process.pid) ?? "unknown"}`;

function holderAlive(file: string): boolean {
  try {
    const [pid, startTime] = readFileSync(file, "utf8").trim().split(" ");
    return processStartTime(Number(pid)) === startTime;
  } catch {
    return false; // Gone meanwhile, or unreadable: not held.
  }
}

/** The release function when this process now holds the port's lock; null when another live process does. */
export function lockTaskSlot(stackRoot: string, port: number): (() => void) | null {
  const file = join(stackRoot, `scheduler-${port}.lock`);
  const mine = me();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: "wx" });
      return () => {
        if (readOwner(file) === mine) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderAlive(file)) return null;
      rmSync(file, { force: true }); // The holder died holding it.
    }
  }
  return null;
}

function readOwner(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}
