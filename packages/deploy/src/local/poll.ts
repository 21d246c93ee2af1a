// Waiting for a process the sandbox started (nginx, a notes-api task) to become ready, with a time limit.
import { sleep } from "./supervisor.js";

/**
 * Calls `look` every `intervalMs` until it returns true (→ true) or `timeoutMs` has passed (→ false); `look`
 * may throw to stop early. One look always starts after the deadline: a portal suspended past it (a replica
 * stopped with SIGSTOP in a test, a laptop asleep, a CPU starved for seconds) would otherwise give up on a
 * process that became ready while the portal could not look, and roll the stack back for nothing.
 */
export async function pollUntil(
  look: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Read before looking, so a look that was itself suspended past the deadline is followed by one more.
    const pastDeadline = Date.now() >= deadline;
    if (await look()) return true;
    if (pastDeadline) return false;
    await sleep(intervalMs);
  }
}
