// A registry of every process this instance started (STACKYARD_PID_REGISTRY, set by scripts/services.sh to
// .data/<instance>/pids): `services.sh down` stops whatever is still listed there, so a test that failed
// half-way, or whose data folder is gone, never leaves a listener behind. One file per process:
// "<pid> <start time> <pid file>", the start time guarding against a reused pid.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface RegisteredProcess {
  pid: number;
  startTime: string;
  pidFile: string;
}

function registryDir(): string | null {
  return process.env.STACKYARD_PID_REGISTRY || null;
}

export function registerProcess(entry: RegisteredProcess): void {
  const dir = registryDir();
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(entry.pid)), `${entry.pid} ${entry.startTime} ${entry.pidFile}\n`);
}

export function registeredProcesses(): RegisteredProcess[] {
  const dir = registryDir();
  if (!dir) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      const [pid, startTime, pidFile] = readFileSync(join(dir, name), "utf8").trim().split(" ");
      return pid && startTime && pidFile ? [{ pid: Number(pid), startTime, pidFile }] : [];
    } catch {
      return [];
    }
  });
}

export function forgetProcess(pid: number): void {
  const dir = registryDir();
  if (dir) rmSync(join(dir, String(pid)), { force: true });
}
