// Database stopped mid-run. The app reaches MariaDB through a proxy this test cuts, so the connections
// really break (resets, then refused connects) while the shared MariaDB keeps running for everyone else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDb, type ScratchDb } from "./testing/db.test-helpers.js";
import {
  buildOnce,
  freePort,
  type ServerProcess,
  spawnServer,
  waitForReady,
} from "./testing/process.test-helpers.js";
import { TcpProxy } from "./testing/tcp-proxy.test-helpers.js";

let scratch: ScratchDb;
let proxy: TcpProxy;
let server: ServerProcess;

async function timed(url: string, init?: RequestInit): Promise<{ status: number; ms: number; body: string }> {
  const started = Date.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  return { status: res.status, ms: Date.now() - started, body: await res.text() };
}

beforeAll(async () => {
  buildOnce();
  scratch = await createScratchDb("outage");
  proxy = new TcpProxy(await freePort(), { host: scratch.db.host, port: scratch.db.port });
  await proxy.start();
  const url = new URL(scratch.url);
  url.port = String(proxy.port);
  server = spawnServer({ DATABASE_URL: url.toString(), LOG_LEVEL: "warn" }, await freePort());
  await waitForReady(server);
});

afterAll(async () => {
  server?.kill();
  await proxy?.stop();
  await scratch?.drop();
});

describe("database outage", () => {
  it("answers 503 fast while the database is gone, and recovers without a restart", async () => {
    const json = { "content-type": "application/json" };
    const created = await timed(`${server.url}/api/notes`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ title: "before", description: "the outage" }),
    });
    expect(created.status).toBe(201);

    await proxy.stop();

    const ready = await timed(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(2000);
    // The reason the portal's probe shows: short, and without the host or user mysql2's message carries.
    expect(JSON.parse(ready.body)).toEqual({
      status: "database unavailable",
      database: { ok: false, error: expect.stringMatching(/^connection (refused|reset|lost)$/) },
    });

    // Several rounds, so both the pool's broken sockets and fresh (refused) connects are exercised.
    for (let round = 0; round < 3; round++) {
      const list = await timed(`${server.url}/api/notes`);
      expect(list.status).toBe(503);
      expect(list.ms).toBeLessThan(2000);
      expect(JSON.parse(list.body).message).toBe("The database is unavailable right now; try again");
      const page = await timed(`${server.url}/`);
      expect(page.status).toBe(503);
      expect(page.body).toContain("The database is unavailable right now");
      const write = await timed(`${server.url}/api/notes`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ title: "during", description: "the outage" }),
      });
      expect(write.status).toBe(503);
    }
    // The process itself is fine: the load balancer must not kill it for the database's sake.
    expect((await timed(`${server.url}/healthz`)).status).toBe(200);

    await proxy.start();

    const recoveredIn = await waitForReady(server, 10_000);
    expect(recoveredIn).toBeLessThan(10_000);
    const list = await timed(`${server.url}/api/notes`);
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body).notes.map((n: { title: string }) => n.title)).toEqual(["before"]);
    expect(server.child.exitCode).toBeNull();
  });

  it("answers 503 within the query/connect timeouts when the network drops packets, and recovers", async () => {
    proxy.blackhole();
    const started = Date.now();
    const results = await Promise.all([
      timed(`${server.url}/api/notes`),
      timed(`${server.url}/readyz`),
      timed(`${server.url}/`),
    ]);
    expect(results.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(JSON.parse(results[1].body).database).toEqual({ ok: false, error: "timed out after 1000 ms" });
    expect(results[1].ms).toBeLessThan(2500);
    // Bounded by QUERY_TIMEOUT_MS (5 s) / connectTimeout (3 s): well inside an ALB's 60 s idle timeout.
    expect(Date.now() - started).toBeLessThan(7000);

    await proxy.stop();
    await proxy.start();
    await waitForReady(server, 15_000);
    expect((await timed(`${server.url}/api/notes`)).status).toBe(200);
  });
});
