// When, and why, a process the sandbox started ends. Node reports the exit (code or signal) of a process
// this portal process spawned, the moment it happens; a process started by an earlier portal process (or
// another replica) is not our child, so its end is only seen in /proc, looked at once a second. Neither
// way spins: the first waits on the child's exit event, the second on a one-second timer.
import type { ChildProcess } from "node:child_process";
import { constants } from "node:os";
import { isRunning } from "./process-identity.js";
import type { ManagedProcess } from "./state-store.js";

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const childExits = new Map<number, Promise<ExitInfo>>();
/** How long an exit is remembered for a watcher that has not asked yet. */
const REMEMBER_MS = 10 * 60_000;

/** Called by startProcess for every process it spawns. */
export function trackExit(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("exit", (code, signal) => {
      resolve({ code, signal });
      setTimeout(() => childExits.delete(pid), REMEMBER_MS).unref();
    });
  });
  childExits.set(pid, exited);
}

/**
 * Resolves once the process has ended: with its exit code or signal when it was our child, with null
 * when it was not (the exit status went to its own parent).
 */
export function whenExited(process: ManagedProcess, pollMs = 1000): Promise<ExitInfo | null> {
  // Our child, running or already ended: its exit event tells how it ended.
  const child = childExits.get(process.pid);
  if (child) return child;
  return new Promise((resolve) => {
    const look = () => {
      if (!isRunning(process)) resolve(null);
      else setTimeout(look, pollMs).unref();
    };
    look();
  });
}

/** ECS's way of giving a signal as an exit code: 128 + the signal's number (SIGKILL: 137). */
export function exitCodeOf(exit: ExitInfo | null): number | undefined {
  if (!exit) return undefined;
  if (exit.code !== null) return exit.code;
  return exit.signal ? 128 + (constants.signals[exit.signal] ?? 0) : undefined;
}

export function describeExit(exit: ExitInfo | null): string {
  if (!exit) return "exit status not seen: no portal process was its parent when it ended";
  if (exit.signal) return `killed by ${exit.signal}, exit code ${exitCodeOf(exit)}`;
  return `exit code ${exit.code}`;
}
