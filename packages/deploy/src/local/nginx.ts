// The edge's stand-in: a private nginx running the nginx.conf that @stackyard/templates renders, with the
// upstream over the notes-api processes (the internal ALB's local equivalent). Everything it writes (pid,
// logs, temp files) stays under its prefix; it listens on a loopback port of its own.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEFAULT_CLIENT_MAX_BODY_SIZE, PRIVATE_NGINX_PROCESS, renderNginxConf } from "@stackyard/templates";
import type { StackPaths } from "./paths.js";
import { pollUntil } from "./poll.js";
import { canListen } from "./ports.js";
import type { ManagedProcess } from "./state-store.js";
import { isRunning, logTail, startProcess, stopProcess } from "./supervisor.js";

const run = promisify(execFile);
export const NGINX_BINARY = process.env.STACKYARD_NGINX_BINARY || "/usr/sbin/nginx";

export function localNginxConf(port: number, upstreamPorts: number[]): string {
  return renderNginxConf({
    upstream: { servers: upstreamPorts.map((p) => `127.0.0.1:${p}`) },
    httpPort: port,
    listenAddress: "127.0.0.1",
    serverName: null,
    tls: null,
    // Relative paths resolve against the prefix (-p).
    acmeWebroot: "acme",
    clientMaxBodySize: DEFAULT_CLIENT_MAX_BODY_SIZE,
    // The rendered config says `daemon off;` itself, so nginx is started without -g.
    process: PRIVATE_NGINX_PROCESS,
  });
}

/** Writes the config (and the folders it names) and runs `nginx -t`; throws with nginx's own message. */
export async function writeAndTestConf(paths: StackPaths, conf: string): Promise<void> {
  const prefix = paths.nginxPrefix;
  for (const dir of ["logs", "temp", "acme"]) mkdirSync(join(prefix, dir), { recursive: true });
  writeFileSync(paths.nginxConf, conf);
  try {
    await run(NGINX_BINARY, ["-t", "-q", "-p", `${prefix}/`, "-e", "logs/error.log", "-c", paths.nginxConf], {
      timeout: 15_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message);
    throw new Error(`nginx -t failed: ${stderr.trim().split("\n").slice(-2).join(" ")}`);
  }
}

export function confOnDisk(paths: StackPaths): string | null {
  return existsSync(paths.nginxConf) ? readFileSync(paths.nginxConf, "utf8") : null;
}

/** Starts nginx and waits until it answers on `port`; throws with the reason (e.g. the port is taken). */
export async function startNginx(
  paths: StackPaths,
  port: number,
  onStarted: (nginx: ManagedProcess) => void,
  timeoutMs = 10_000,
): Promise<ManagedProcess> {
  if (!(await canListen(port))) throw new Error(`port 127.0.0.1:${port} for nginx is already in use`);
  const started = startProcess({
    command: NGINX_BINARY,
    args: ["-p", `${paths.nginxPrefix}/`, "-e", "logs/error.log", "-c", paths.nginxConf],
    cwd: paths.nginxPrefix,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    logFile: join(paths.logs, "nginx.log"),
    pidFile: join(paths.pids, "nginx.pid"),
  });
  const nginx: ManagedProcess = { pid: started.pid, startTime: started.startTime, logFile: started.logFile };
  onStarted(nginx);
  let exitCode: number | null | undefined;
  void started.exited.then((code) => {
    exitCode = code;
  });
  const answered = await pollUntil(
    async () => {
      if (exitCode !== undefined || !isRunning(started)) {
        const reason = logTail(started.logFile, 3) || logTail(join(paths.nginxPrefix, "logs/error.log"), 3);
        throw new Error(`nginx exited at start: ${lastLine(reason)}`);
      }
      // Answering is not enough on its own: the process must still be running, i.e. it holds the port.
      return (await answers(port)) && isRunning(started);
    },
    timeoutMs,
    50,
  );
  if (answered) return nginx;
  await stopProcess(nginx, { signal: "SIGQUIT", graceMs: 2000 });
  throw new Error(`nginx did not answer on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

/** nginx re-reads its config on SIGHUP: new workers take over, in-flight requests finish on the old ones. */
export function reloadNginx(nginx: ManagedProcess): void {
  if (isRunning(nginx)) process.kill(nginx.pid, "SIGHUP");
}

/**
 * Asks nginx itself, not the upstream: a request that reached the notes-api processes before they are up
 * would mark them failed (max_fails) and nginx would answer 502 for a while after they are.
 */
async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/.well-known/acme-challenge/stackyard-probe`, {
      signal: AbortSignal.timeout(1000),
    });
    return true;
  } catch {
    return false;
  }
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split("\n")
      .pop()
      ?.replace(/^nginx: \[emerg\] /, "") ?? "no output"
  );
}

/** SIGQUIT: nginx finishes the requests in flight, then exits. */
export async function stopNginx(nginx: ManagedProcess, paths: StackPaths): Promise<void> {
  await stopProcess(nginx, { signal: "SIGQUIT", graceMs: 5000, pidFile: join(paths.pids, "nginx.pid") });
}
