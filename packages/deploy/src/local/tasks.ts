// Fargate tasks' stand-in: notes-api processes started with the container's own command (the CMD of
// apps/notes-api/Dockerfile: node, its V8 flags, dist/main.js), one per loopback port, each migrating at
// start (under the database lock, so they may all start at once). A task counts as started once /readyz
// answers 200.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pollUntil } from "./poll.js";
import { canListen } from "./ports.js";
import { ensureSecretFile, secretFilePath } from "./secret-file.js";
import type { DatabaseCredentials, ManagedProcess } from "./state-store.js";
import { isRunning, logTail, sleep, startProcess, stopProcess } from "./supervisor.js";

export interface TaskOptions {
  repoRoot: string;
  logsDir: string;
  pidsDir: string;
  credentials: DatabaseCredentials;
  readyTimeoutMs: number;
  /** Called as soon as the process exists, before it is ready: the state must know it to stop it. */
  onStarted?: (task: ManagedProcess) => void;
}

function notesApiEntry(repoRoot: string): string {
  return join(repoRoot, "apps/notes-api/dist/main.js");
}

function notesApiDockerfile(repoRoot: string): string {
  return join(repoRoot, "apps/notes-api/Dockerfile");
}

/**
 * The arguments after `node` in the image's CMD (exec form, the Dockerfile's last unindented CMD line:
 * HEALTHCHECK's is indented), run from apps/notes-api as WORKDIR /app is in the image.
 */
export function containerCommandArgs(dockerfile: string): string[] {
  const command = [...dockerfile.matchAll(/^CMD (\[.*\])\s*$/gm)].at(-1)?.[1];
  const [program, ...args] = command ? (JSON.parse(command) as string[]) : [];
  if (program !== "node" || args.length === 0) {
    throw new Error('apps/notes-api/Dockerfile has no CMD ["node", ...] to start notes-api with');
  }
  return args;
}

export function taskPidFile(pidsDir: string, port: number): string {
  return join(pidsDir, `notes-api-${port}.pid`);
}

/** The stack's secret file: beside pids/ in the stack's folder (secret-file.ts). */
function taskSecretFile(pidsDir: string): string {
  return secretFilePath(dirname(pidsDir));
}

// No password in the environment: notes-api reads the secret file, and reads it again when MariaDB refuses
// the password (after a rotation), as it reads Secrets Manager on AWS (DB_SECRET_ARN).
function taskEnv(port: number, credentials: DatabaseCredentials, secretFile: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DB_HOST: credentials.host,
    DB_PORT: String(credentials.port),
    DB_NAME: credentials.database,
    DB_SECRET_FILE: secretFile,
    DB_POOL_SIZE: "5",
    LOG_LEVEL: "info",
    // Requests arrive through the sandbox's nginx on loopback: trust its forwarding headers only.
    TRUST_PROXY: "127.0.0.1",
    MIGRATE_ON_START: "true",
  };
}

/** Starts one notes-api process on `port` and waits until it is ready; throws with the reason. */
export async function startTask(port: number, options: TaskOptions): Promise<ManagedProcess> {
  const entry = notesApiEntry(options.repoRoot);
  if (!existsSync(entry)) {
    throw new Error(`notes-api is not built (no ${entry}): run npm run build -w @stackyard/notes-api`);
  }
  const dockerfile = notesApiDockerfile(options.repoRoot);
  if (!existsSync(dockerfile)) throw new Error(`no ${dockerfile}: its CMD is how notes-api is started`);
  if (!(await canListen(port))) throw new Error(`port 127.0.0.1:${port} for notes-api is already in use`);
  const secretFile = taskSecretFile(options.pidsDir);
  ensureSecretFile(secretFile, options.credentials);
  const started = startProcess({
    command: process.execPath,
    args: containerCommandArgs(readFileSync(dockerfile, "utf8")),
    cwd: join(options.repoRoot, "apps/notes-api"),
    env: taskEnv(port, options.credentials, secretFile),
    logFile: join(options.logsDir, `notes-api-${port}.log`),
    pidFile: taskPidFile(options.pidsDir, port),
  });
  const task: ManagedProcess = { pid: started.pid, startTime: started.startTime, logFile: started.logFile };
  options.onStarted?.(task);
  let exitCode: number | null | undefined;
  void started.exited.then((code) => {
    exitCode = code;
  });
  const isReady = await pollUntil(
    async () => {
      if (exitCode !== undefined || !isRunning(task)) {
        // The kernel may report the process gone a moment before Node reports its exit code.
        const code = exitCode ?? (await Promise.race([started.exited, sleep(1000).then(() => "unknown")]));
        throw new Error(
          `notes-api on 127.0.0.1:${port} exited (code ${code}) before it was ready: ${lastLogMessage(task.logFile)}`,
        );
      }
      return ready(port);
    },
    options.readyTimeoutMs,
    100,
  );
  if (isReady) return task;
  await stopProcess(task, { graceMs: 2000, pidFile: taskPidFile(options.pidsDir, port) });
  throw new Error(
    `notes-api on 127.0.0.1:${port} was not ready within ${options.readyTimeoutMs / 1000} s (health check /readyz)`,
  );
}

async function ready(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/** notes-api logs pino JSON: the last message (never a secret: config errors name variables, not values). */
function lastLogMessage(logFile: string): string {
  const lines = logTail(logFile, 10).split("\n").reverse();
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      if (entry.msg) return entry.err?.message ? `${entry.msg}: ${entry.err.message}` : entry.msg;
    } catch {
      if (line.trim()) return line.trim();
    }
  }
  return "no output";
}

/** SIGTERM: notes-api turns /readyz to 503, drains in-flight requests and exits (ECS's stop, locally). */
export async function stopTask(task: ManagedProcess, pidFile: string): Promise<void> {
  await stopProcess(task, { signal: "SIGTERM", graceMs: 25_000, pidFile });
}
