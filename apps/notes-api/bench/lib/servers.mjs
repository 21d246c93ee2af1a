// Starts and stops the two sides. Each side gets only the env it needs, its own port and /dev/null output.
import { spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));
export const PEER_DIR = fileURLToPath(new URL("../../../../bench/peers/flask-notes/", import.meta.url));
const devNull = () => openSync("/dev/null", "w");

async function waitFor(url, timeoutMs) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === 200) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

function handle(child, url) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    child,
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The settings the image ships (ENV lines of apps/notes-api/Dockerfile), so the benchmark measures what
 * runs in a task: WEB_CONCURRENCY and NODE_OPTIONS (the heap limits that keep each process small).
 */
export function dockerfileEnv() {
  const text = readFileSync(join(APP_DIR, "Dockerfile"), "utf8");
  const env = {};
  for (const line of text.split("\n").filter((l) => l.startsWith("ENV "))) {
    for (const [, key, quoted, bare] of line.matchAll(/([A-Z_]+)=(?:"([^"]*)"|(\S+))/g))
      env[key] = quoted ?? bare;
  }
  return env;
}

/** The arguments after `node` in the Dockerfile's CMD: its V8 flags, then dist/main.js. */
export function dockerfileCommandArgs() {
  const text = readFileSync(join(APP_DIR, "Dockerfile"), "utf8");
  const command = [...text.matchAll(/^CMD (\[.*\])\s*$/gm)].at(-1)?.[1];
  if (!command) throw new Error("apps/notes-api/Dockerfile has no CMD in exec form");
  return JSON.parse(command).slice(1);
}

/**
 * The Dockerfile's CMD as deployed (LOG_LEVEL defaults to info: request logs are part of the cost).
 * `nodeOptions` undefined means the Dockerfile's NODE_OPTIONS; "" means none (Node's own heap sizing).
 */
export async function startNotesApi({ databaseUrl, port, workers, nodeOptions }) {
  const started = performance.now();
  const options = nodeOptions ?? dockerfileEnv().NODE_OPTIONS ?? "";
  const child = spawn(process.execPath, dockerfileCommandArgs(), {
    cwd: APP_DIR,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: String(workers),
      SHUTDOWN_DELAY_MS: "0",
      ...(options ? { NODE_OPTIONS: options } : {}),
    },
    stdio: ["ignore", devNull(), devNull()],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/readyz`, 15_000);
  const readyMs = performance.now() - started;
  return { ...handle(child, url), readyMs, readyCpuMs: cpuMsOf(child.pid) };
}

/** bench/bare/server.mjs: node:http + mysql2 and nothing else, the floor for any Node server here. */
export async function startBare({ databaseUrl, port, workers, readBack = false }) {
  const child = spawn(process.execPath, ["bench/bare/server.mjs"], {
    cwd: APP_DIR,
    env: {
      BARE_READ_BACK: readBack ? "1" : "0",
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      BARE_WORKERS: String(workers),
    },
    stdio: ["ignore", devNull(), devNull()],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/readyz`, 15_000);
  return handle(child, url);
}

/** Gunicorn with sync workers, the seed's setup, under Debian's python3. */
export async function startFlask({ databaseUrl, port, workers }) {
  const child = spawn(
    "/usr/bin/python3",
    ["-m", "gunicorn", "-w", String(workers), "-b", `127.0.0.1:${port}`, "app:app"],
    {
      cwd: PEER_DIR,
      env: { PATH: process.env.PATH, PEER_DATABASE_URL: databaseUrl, PYTHONDONTWRITEBYTECODE: "1" },
      stdio: ["ignore", devNull(), devNull()],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`, 30_000);
  return handle(child, url);
}

function childPids(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function rssKb(pid, field) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
}

/** CPU time (user + system) a process and its children have used so far, in ms; clock ticks are 100 Hz. */
export function cpuMsOf(pid) {
  return [pid, ...childPids(pid)].reduce((sum, p) => {
    const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return sum + (Number(fields[11]) + Number(fields[12])) * 10;
  }, 0);
}

/** Peak (VmHWM) and current RSS in MB of a process and each of its children (cluster workers). */
export function memoryOf(pid) {
  return [pid, ...childPids(pid)].map((p) => ({
    pid: p,
    role: p === pid ? "primary" : "worker",
    peakMb: rssKb(p, "VmHWM") / 1024,
    rssMb: rssKb(p, "VmRSS") / 1024,
  }));
}
