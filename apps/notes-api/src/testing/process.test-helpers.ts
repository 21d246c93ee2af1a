// Real `node dist/main.js` processes, started exactly as `npm start` and the Dockerfile's CMD start them.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = fileURLToPath(new URL("../../", import.meta.url));

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith(".ts") && !entry.name.includes(".test"))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  try {
    const newestInput = Math.max(
      newestSourceMtime(join(APP_DIR, "src")),
      statSync(join(APP_DIR, "scripts/build.mjs")).mtimeMs,
    );
    return statSync(join(APP_DIR, "dist/main.js")).mtimeMs >= newestInput;
  } catch {
    return false;
  }
}

/**
 * Process tests run the built server (dist/, bundled by scripts/build.mjs), so they build it first unless
 * dist is newer than every source file.
 */
export function buildOnce(): void {
  if (distIsFresh()) return;
  execFileSync("npm", ["run", "build"], { cwd: APP_DIR, stdio: "pipe" });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** A free port in 5100-5199, the range this workspace's tests may use on shared machines. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 5100 + Math.floor(Math.random() * 100);
    if (await canListen(port)) return port;
  }
  throw new Error("no free port in 5100-5199");
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** stdout and stderr so far. */
  output(): string;
  /** stdout parsed as pino JSON lines. */
  logs(): Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

/**
 * The arguments after `node` in the Dockerfile's CMD (its last CMD line in exec form; HEALTHCHECK's CMD is
 * indented under it), so tests run the image's V8 flags too.
 */
export function containerCommandArgs(): string[] {
  const dockerfile = readFileSync(join(APP_DIR, "Dockerfile"), "utf8");
  const command = [...dockerfile.matchAll(/^CMD (\[.*\])\s*$/gm)].at(-1)?.[1];
  if (!command) throw new Error("apps/notes-api/Dockerfile has no CMD in exec form");
  const [program, ...args] = JSON.parse(command) as string[];
  if (program !== "node") throw new Error(`the Dockerfile's CMD runs ${program}, not node`);
  return args;
}

/** `cwd`: the folder holding dist/, public/ and migrations/ (this workspace, or a copy laid out as the image). */
export function spawnServer(env: Record<string, string>, port: number, cwd = APP_DIR): ServerProcess {
  let out = "";
  let stdout = "";
  // Only what we pass: the test env also carries the portal's DATABASE_URL, which must not leak in.
  const child = spawn(process.execPath, containerCommandArgs(), {
    cwd,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      PORT: String(port),
      HOST: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  registerForCleanup(child.pid, "notes-api test server");
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    logs: () =>
      stdout
        .split("\n")
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** Polls /readyz until it answers 200; returns the milliseconds that took. */
export async function waitForReady(server: ServerProcess, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (server.child.exitCode !== null) throw new Error(`server exited early:\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/readyz`);
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`server not ready within ${timeoutMs} ms:\n${server.output()}`);
}

/** Lists the process in STACKYARD_PID_REGISTRY, so `services.sh down` stops it should this test not. */
function registerForCleanup(pid: number | undefined, what: string): void {
  const dir = process.env.STACKYARD_PID_REGISTRY;
  if (!dir || pid === undefined) return;
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const startTime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, String(pid)), `${pid} ${startTime} ${what}\n`);
}
