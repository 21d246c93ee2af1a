// Portal replicas for the team-mode tests: each one is `npm run serve`'s own command (scripts/serve.mjs:
// config check, migrations under the lock, next start) over the existing production build, as its own
// process group, plus a small tRPC-over-HTTP client that holds a session cookie like a browser does.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import superjson from "superjson";

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

/** Hands the data of each server-sent event (superjson, as tRPC sends it) to `onData`. */
async function readServerSentData(body: ReadableStream<Uint8Array>, onData: (data: unknown) => void) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const data = buffer
        .slice(0, end)
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trim())
        .join("\n");
      buffer = buffer.slice(end + 2);
      if (data) onData(superjson.deserialize(JSON.parse(data)));
    }
  }
}

/** tRPC over HTTP as the browser's client sends it, with the session cookie a browser would keep. */
export class Browser {
  cookie = "";
  /** The last Set-Cookie header the portal sent. */
  setCookie = "";

  constructor(
    private readonly origin: string,
    /** Sent with every request (e.g. an X-Forwarded-For the proxy extends). */
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async mutate<T>(base: string, path: string, input: unknown): Promise<T> {
    const response = await fetch(`${base}/api/trpc/${path}`, {
      method: "POST",
      headers: { ...this.headers(), "content-type": "application/json", origin: this.origin },
      body: JSON.stringify(superjson.serialize(input)),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) {
      this.setCookie = setCookie;
      this.cookie = setCookie.split(";")[0] ?? "";
    }
    return this.result<T>(path, response);
  }

  async query<T>(base: string, path: string, input?: unknown): Promise<T> {
    const query =
      input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    return this.result<T>(path, await fetch(`${base}/api/trpc/${path}${query}`, { headers: this.headers() }));
  }

  /** Opens a subscription (SSE, as httpSubscriptionLink does) and hands each data object to `onData`. */
  subscribe(base: string, path: string, input: unknown, onData: (data: unknown) => void): AbortController {
    const controller = new AbortController();
    const url = `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    void fetch(url, {
      headers: { ...this.headers(), accept: "text/event-stream" },
      signal: controller.signal,
    })
      .then(async (response) => {
        if (!response.ok || !response.body) throw new Error(`${path}: HTTP ${response.status}`);
        await readServerSentData(response.body, onData);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) onData({ streamError: String(error) });
      });
    return controller;
  }

  private headers(): Record<string, string> {
    return this.cookie ? { ...this.extraHeaders, cookie: this.cookie } : { ...this.extraHeaders };
  }

  private async result<T>(path: string, response: Response): Promise<T> {
    const body = (await response.json()) as { result?: { data?: unknown }; error?: unknown };
    if (!response.ok || body.error)
      throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(body.error)}`);
    return superjson.deserialize(body.result?.data as never) as T;
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

export interface EventView {
  id: string;
  logicalResourceId: string;
  resourceStatus: string;
}

/** One environment's events as a browser connected to `base` receives them live. */
export function watchEvents(browser: Browser, base: string, environmentId: string) {
  const events: EventView[] = [];
  const errors: string[] = [];
  const stream = browser.subscribe(base, "events.onEvents", { environmentId }, (data) => {
    if (data && typeof data === "object" && "streamError" in data) errors.push(String(data.streamError));
    else if (data && typeof data === "object" && "resourceStatus" in data) events.push(data as EventView);
  });
  const has = (logicalId: string, status: string) =>
    events.some((e) => e.logicalResourceId === logicalId && e.resourceStatus === status);
  return { events, errors, has, close: () => stream.abort() };
}
