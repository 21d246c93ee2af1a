// Whether a recorded process is still the one we started: a pid alone may have been reused, so it is
// compared with the kernel's start time for it (field 22 of /proc/<pid>/stat), recorded at spawn.
import { readFileSync } from "node:fs";
import type { ManagedProcess } from "./state-store.js";

/** The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null if gone. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may contain spaces and parentheses: count fields after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z") return null; // a zombie has exited; only its parent has not collected it yet
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

export function isRunning(process: ManagedProcess | undefined): boolean {
  return Boolean(process && processStartTime(process.pid) === process.startTime);
}
