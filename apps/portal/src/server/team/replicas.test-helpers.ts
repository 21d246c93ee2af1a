// Portal replicas for the team-mode tests: each one is `npm run serve`'s own command (scripts/serve.mjs:
// config check, migrations under the lock, next start) over the existing production build, as its own
// process group. The client side (a browser's tRPC calls and event streams) is browser.test-helpers.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../../../", import.meta.url));
const serveScript = join(repoRoot, "apps/portal/scripts/serve.mjs");
// The project's Node (24, type stripping) when installed, as `npm run serve` would use.
const projectNode = join(repoRoot, "node_modules/.bin/node");
const node = existsSync(projectNode) ? projectNode : process.execPath;

export interface Replica {
  name: string;
  url: string;
  /** The launcher's pid, which is also the replica's process group. */
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`replica exited ${child.exitCode}:\n${output()}`);
    const ready = await fetch(`${url}/api/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`replica at ${url} was not ready within 90 s:\n${output()}`);
}

export async function startReplica(name: string, port: number, env: NodeJS.ProcessEnv): Promise<Replica> {
  const child = spawn(node, [serveScript], {
    cwd: repoRoot,
    env: { ...env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (chunk) => {
    log += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    log += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const replica: Replica = {
    name,
    url,
    pid: child.pid ?? 0,
    output: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 15_000)),
      ]);
      if (!stopped) {
        process.kill(-replica.pid, "SIGKILL");
        await exited;
      }
    },
  };
  await waitUntilReady(url, child, () => log);
  return replica;
}

/** The process group of a live pid (field 5 of /proc/PID/stat), or null once it is gone. */
export function processGroupOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
  } catch {
    return null;
  }
}

/** Polls `read` until it returns a value (not undefined), within `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
