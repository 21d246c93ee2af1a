// Shared by the local sandbox's integration tests: a throwaway data folder, a driver over it, the default
// spec rendered by @stackyard/templates, and a way to wait for an operation to end.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EnvironmentSpecInput, renderTemplate } from "@stackyard/templates";
import type { DeployRequest, StackDescription } from "../driver.js";
import { LocalSandboxDriver, type LocalSandboxOptions } from "./driver.js";
import { findRepoRoot, stackPaths } from "./paths.js";
import { forgetProcess, registeredProcesses } from "./process-registry.js";
import { StateStore } from "./state-store.js";
import { isRunning, processStartTime } from "./supervisor.js";

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "stackyard-sandbox-"));
}

/**
 * Kills what any sandbox of this data folder started (even a process the state never recorded, e.g. one
 * whose portal was killed a moment after spawning it), then removes the folder.
 */
export function removeDataDir(dir: string): void {
  for (const entry of registeredProcesses()) {
    if (!entry.pidFile.startsWith(`${dir}/`)) continue;
    forgetProcess(entry.pid);
    if (processStartTime(entry.pid) !== entry.startTime) continue;
    try {
      process.kill(-entry.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

export function newDriver(dataDir: string, options: LocalSandboxOptions = {}): LocalSandboxDriver {
  return new LocalSandboxDriver({ dataDir, readyTimeoutMs: 60_000, ...options });
}

/** A unique stack name per test run: the MariaDB is shared by every run on this machine. */
export function uniqueStackName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/**
 * A request for the sandbox's mechanics tests. Their database has no deletion protection unless a test
 * asks for it: a protected database refuses a plain delete, as RDS does (see protected-delete tests).
 */
export function requestFor(stackName: string, spec: EnvironmentSpecInput = {}): DeployRequest {
  const database = { deletionProtection: false, ...spec.database };
  const rendered = renderTemplate({ ...spec, database, name: stackName });
  return {
    stackName,
    templateBody: rendered.json,
    clientRequestToken: `token-${Math.random().toString(36).slice(2)}`,
    spec: rendered.spec,
  };
}

export async function launch(
  driver: LocalSandboxDriver,
  request: DeployRequest,
  kind: "create" | "update" = "create",
) {
  const prepared = await driver.prepare(kind, request);
  await driver.execute(prepared, request);
  return prepared;
}

export async function settled(
  driver: LocalSandboxDriver,
  stackName: string,
): Promise<StackDescription | null> {
  await driver.whenIdle(stackName);
  return driver.describe(stackName);
}

/** A test's cleanup: the stack deleted if it still exists (after what runs on it), then its data folder. */
export async function deleteStackAndData(driver: LocalSandboxDriver, stackName: string, dataDir: string) {
  await driver.whenIdle(stackName);
  if (await driver.describe(stackName)) {
    await driver.delete(stackName, `cleanup-${stackName}`);
    await driver.whenIdle(stackName);
  }
  removeDataDir(dataDir);
}

/** The processes the sandbox recorded for a stack (what it would have to stop). */
export function recordedProcesses(dataDir: string, stackName: string) {
  const state = new StateStore(stackPaths(join(dataDir, "sandbox"), stackName)).read();
  return [...Object.values(state?.tasks ?? {}), ...(state?.nginx ? [state.nginx] : [])];
}

export function runningCount(processes: ReturnType<typeof recordedProcesses>): number {
  return processes.filter((p) => isRunning(p)).length;
}

export const REPO_ROOT = findRepoRoot();

/** Waits until `check` holds, polling; fails naming `what` after `timeoutMs` (generous: CI is shared). */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 90_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
