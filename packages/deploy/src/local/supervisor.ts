// Background processes that outlive the portal: each in its own session and process group (setsid, via
// spawn's detached), output appended to a log file, pid in a pid file. A process is only ever signalled
// when its pid still belongs to the process we started (same kernel start time): never anyone else's.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { trackExit } from "./exits.js";
import { rotateLogIfLarge } from "./log-files.js";
import { isRunning, processStartTime } from "./process-identity.js";
import { forgetProcess, registerProcess } from "./process-registry.js";
import type { ManagedProcess } from "./state-store.js";

export { isRunning, processStartTime } from "./process-identity.js";

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  pidFile: string;
}

export function startProcess(options: StartOptions): ManagedProcess & { exited: Promise<number | null> } {
  // Size cap: a log over it becomes <file>.1 when its process (re)starts (log-files.ts).
  rotateLogIfLarge(options.logFile);
  const log = openSync(options.logFile, "a");
  try {
    const child: ChildProcess = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", log, log],
    });
    const exited = new Promise<number | null>((resolve) => {
      child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : null)));
      child.once("error", () => resolve(127));
    });
    trackExit(child);
    child.unref();
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not start ${options.command}`);
    const startTime = processStartTime(pid) ?? "unknown";
    writeFileSync(options.pidFile, `${pid}\n`);
    registerProcess({ pid, startTime, pidFile: options.pidFile });
    return { pid, startTime, logFile: options.logFile, exited };
  } finally {
    closeSync(log);
  }
}

function signalGroup(process: ManagedProcess, signal: NodeJS.Signals): void {
  if (!isRunning(process)) return;
  try {
    globalThis.process.kill(-process.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** `signal` to the whole group, then SIGKILL to what is left after `graceMs`. Resolves once it is gone. */
export async function stopProcess(
  managed: ManagedProcess,
  options: { signal?: NodeJS.Signals; graceMs?: number; pidFile?: string } = {},
): Promise<void> {
  // Only a leader seen alive proves the group is ours: a long-dead pid may belong to someone else now.
  if (isRunning(managed)) {
    signalGroup(managed, options.signal ?? "SIGTERM");
    const deadline = Date.now() + (options.graceMs ?? 10_000);
    while (isRunning(managed) && Date.now() < deadline) await sleep(50);
    if (isRunning(managed)) signalGroup(managed, "SIGKILL");
    while (isRunning(managed)) await sleep(20);
    // Children may outlive their leader by a moment; the group id cannot be reused while they live.
    try {
      globalThis.process.kill(-managed.pid, "SIGKILL");
    } catch {
      // No process left in the group.
    }
  }
  forgetProcess(managed.pid);
  if (options.pidFile) rmSync(options.pidFile, { force: true });
}

/** The last lines of a log, for a failure reason. */
export function logTail(logFile: string, lines = 5): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
