// A reload that is over when it returns: nginx answers SIGHUP by starting new workers with the new config
// and asking the old ones to finish; until they have, a new request may still reach an old worker and its
// old upstream list (on a port that now belongs to someone else). The old workers' exit is the sign.
import { readFileSync } from "node:fs";
import { reloadNginx } from "./nginx.js";
import type { ManagedProcess } from "./state-store.js";
import { isRunning, sleep } from "./supervisor.js";

/** The master's child processes (its workers), from /proc. */
function workersOf(master: number): number[] {
  try {
    const text = readFileSync(`/proc/${master}/task/${master}/children`, "utf8").trim();
    return text ? text.split(" ").map(Number) : [];
  } catch {
    return [];
  }
}

/** SIGHUP, then waits (bounded) until none of the workers from before is left. */
export async function reloadAndSettle(nginx: ManagedProcess, timeoutMs = 10_000): Promise<void> {
  const before = workersOf(nginx.pid);
  reloadNginx(nginx);
  const deadline = Date.now() + timeoutMs;
  while (isRunning(nginx) && Date.now() < deadline) {
    const now = workersOf(nginx.pid);
    if (now.length > 0 && before.every((pid) => !now.includes(pid))) return;
    await sleep(50);
  }
}
