// Starting real processes: concurrent first starts, `npm run migrate`, bad config, cluster workers, logs.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "./db/migrate.js";
import { createScratchDb, queryScratch, type ScratchDb } from "./testing/db.test-helpers.js";
import {
  APP_DIR,
  buildOnce,
  freePort,
  type ServerProcess,
  spawnServer,
  waitForReady,
} from "./testing/process.test-helpers.js";

const run = promisify(execFile);
const scratches: ScratchDb[] = [];
const servers: ServerProcess[] = [];

async function scratchDb(label: string) {
  const s = await createScratchDb(label);
  scratches.push(s);
  return s;
}
async function start(env: Record<string, string>) {
  const s = spawnServer(env, await freePort());
  servers.push(s);
  return s;
}
async function stop(server: ServerProcess) {
  server.child.kill("SIGTERM");
  return server.exited;
}
/** A GET on a connection of its own (no agent: Connection: close), so each one is accepted anew. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    }).once("error", reject);
  });
}

/** Listening IPv4 sockets on a port, from /proc/net/tcp (state 0A is LISTEN, the port is in hex). */
function listeningSockets(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .filter((line) => {
      const [, local, , state] = line.trim().split(/\s+/);
      return local?.endsWith(`:${hexPort}`) && state === "0A";
    }).length;
}

const errorLines = (server: ServerProcess) => server.logs().filter((l) => Number(l.level) >= 50);

beforeAll(() => buildOnce());
afterAll(async () => {
  for (const s of servers) s.kill();
  for (const s of scratches) await s.drop();
});

describe("start-up", () => {
  it("three processes starting at once on an empty database create the schema once, without errors", async () => {
    const scratch = await scratchDb("three");
    const env = { DATABASE_URL: scratch.url, SHUTDOWN_DELAY_MS: "0" };
    const trio = await Promise.all([start(env), start(env), start(env)]);
    await Promise.all(trio.map((s) => waitForReady(s)));
    const migrations = await readMigrations();
    const applied = await queryScratch<{ version: string }>(scratch, "SELECT version FROM schema_migrations");
    expect(applied.map((r) => r.version).sort()).toEqual(migrations.map((m) => m.version));
    const applyLines = trio.flatMap((s) => s.logs().filter((l) => l.msg === "applying migration"));
    expect(applyLines).toHaveLength(migrations.length);
    for (const s of trio) expect(errorLines(s)).toEqual([]);
    // All three serve the same data.
    const res = await fetch(`${trio[0]?.url}/api/notes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"title":"shared","description":"db"}',
    });
    expect(res.status).toBe(201);
    for (const s of trio) {
      const list = (await (await fetch(`${s.url}/api/notes`)).json()) as { notes: unknown[] };
      expect(list.notes).toHaveLength(1);
    }
    const exits = await Promise.all(trio.map(stop));
    expect(exits.map((e) => e.code)).toEqual([0, 0, 0]);
  });

  it("npm run migrate applies migrations once and is a no-op the second time", async () => {
    const scratch = await scratchDb("cli");
    const env = { PATH: process.env.PATH ?? "", DATABASE_URL: scratch.url };
    const first = await run("npm", ["run", "--silent", "migrate"], { cwd: APP_DIR, env });
    expect(first.stdout).toContain('"msg":"migrations applied"');
    const tables = await queryScratch<{ TABLE_NAME: string }>(
      scratch,
      "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME",
    );
    expect(tables.map((t) => t.TABLE_NAME)).toEqual(["notes", "schema_migrations"]);
    const second = await run("npm", ["run", "--silent", "migrate"], { cwd: APP_DIR, env });
    expect(second.stdout).toContain('"msg":"database already up to date"');
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ WEB_CONCURRENCY: "lots" }, "WEB_CONCURRENCY"],
    [{ DATABASE_URL: "" }, "DB_HOST"],
    [{ DATABASE_URL: "", DB_HOST: "db", DB_SECRET: "{not json: hunter2}" }, "DB_SECRET"],
  ])("refuses to start on a bad config %j, exiting non-zero and naming %s", async (bad, variable) => {
    const server = await start({ DATABASE_URL: "mysql://u:p@127.0.0.1:1/notes", ...bad });
    const { code } = await server.exited;
    expect(code).not.toBe(0);
    expect(server.output()).toContain(`invalid configuration: ${variable}:`);
    expect(server.output()).not.toContain("hunter2");
  });

  it("a failed start leaves every log line, the fatal one last, though the log is written asynchronously", async () => {
    const scratch = await scratchDb("taken");
    const port = await freePort();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    try {
      const server = spawnServer({ DATABASE_URL: scratch.url }, port);
      servers.push(server);
      expect((await server.exited).code).toBe(1);
      const lines = server.logs();
      expect(lines.map((l) => l.msg)).toContain("migrations applied");
      expect(lines.at(-1)).toMatchObject({ level: 60, msg: "failed to start", err: { code: "EADDRINUSE" } });
    } finally {
      holder.close();
    }
  });

  it("WEB_CONCURRENCY=2 runs two workers on one port and replaces one that crashes", async () => {
    const scratch = await scratchDb("workers");
    const server = await start({ DATABASE_URL: scratch.url, WEB_CONCURRENCY: "2", SHUTDOWN_DELAY_MS: "0" });
    await waitForReady(server);
    // Both workers must be listening, not just the first one to come up.
    const deadline = Date.now() + 10_000;
    const listeners = () =>
      new Set(
        server
          .logs()
          .filter((l) => String(l.msg).startsWith("Server listening"))
          .map((l) => l.pid),
      );
    while (listeners().size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(listeners().size).toBe(2);
    expect(listeners().has(server.child.pid)).toBe(false);
    expect((await fetch(`${server.url}/api/notes`)).status).toBe(200);

    // Each worker binds the port with SO_REUSEPORT (server.ts): two listening sockets, none in the primary
    // (node:cluster's round-robin has one, the primary's), and the kernel spreads new connections over
    // both: 40 connections all landing on one worker would happen once in 2^39 runs.
    expect(listeningSockets(server.port)).toBe(2);
    for (let i = 0; i < 40; i++)
      expect(await getOnNewConnection(`${server.url}/api/notes?limit=1`)).toBe(200);
    const servedBy = () =>
      server.logs().filter((l) => (l.req as { url?: string } | undefined)?.url === "/api/notes?limit=1");
    while (servedBy().length < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(new Set(servedBy().map((l) => l.pid))).toEqual(listeners());

    // A worker that crashes is replaced by a new one, and the port keeps serving.
    const [victim] = [...listeners()];
    process.kill(Number(victim), "SIGKILL");
    while (listeners().size < 3 && Date.now() < deadline + 10_000)
      await new Promise((r) => setTimeout(r, 50));
    expect(listeners().size).toBe(3);
    expect(server.logs().some((l) => l.msg === "worker died; starting a new one")).toBe(true);
    for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/api/notes`)).status).toBe(200);
    expect((await stop(server)).code).toBe(0);
  });

  it("logs JSON lines with the caller's request id, and never bodies or the database password", async () => {
    const scratch = await scratchDb("logs");
    const password = decodeURIComponent(new URL(scratch.url).password);
    const server = await start({ DATABASE_URL: scratch.url, SHUTDOWN_DELAY_MS: "0" });
    await waitForReady(server);
    const res = await fetch(`${server.url}/api/notes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-abc-123" },
      body: '{"title":"private diary","description":"BODY-MUST-NOT-BE-LOGGED"}',
    });
    expect(res.status).toBe(201);
    await stop(server);
    const lines = server.logs();
    const traced = lines.filter((l) => l.reqId === "trace-abc-123");
    expect(traced.map((l) => l.msg)).toEqual(["request completed"]);
    expect(traced[0]).toMatchObject({ req: { method: "POST", url: "/api/notes" }, res: { statusCode: 201 } });
    expect(traced[0]?.responseTime).toEqual(expect.any(Number));
    expect(server.output()).not.toContain("BODY-MUST-NOT-BE-LOGGED");
    expect(server.output()).not.toContain("private diary");
    expect(password.length).toBeGreaterThan(3);
    expect(server.output()).not.toContain(password);
  });
});
