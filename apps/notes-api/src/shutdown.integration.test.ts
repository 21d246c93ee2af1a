// SIGTERM under load, as Fargate stops a task: the process must answer every request it accepted, keep
// answering while the load balancer notices /readyz go 503, then exit 0 well before the 30 s SIGKILL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "./db/migrate.js";
import { createLogger } from "./logger.js";
import { createScratchDb, type ScratchDb } from "./testing/db.test-helpers.js";
import {
  buildOnce,
  freePort,
  type ServerProcess,
  spawnServer,
  waitForReady,
} from "./testing/process.test-helpers.js";

let scratch: ScratchDb;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  buildOnce();
  scratch = await createScratchDb("shutdown");
  await migrate(scratch.db, createLogger("silent"));
});
afterAll(async () => {
  for (const s of servers) s.kill();
  await scratch?.drop();
});

interface Outcome {
  startedAt: number;
  finishedAt?: number;
  status?: number;
  error?: string;
}

const REQUESTS: Array<[string, RequestInit | undefined]> = [
  ["/api/notes?limit=50", undefined],
  ["/", undefined],
  [
    "/api/notes",
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"title":"load","description":"test"}',
    },
  ],
];

/** Like a load balancer: clients keep sending until health checks see the target draining, then move away. */
async function loadUntilDrained(
  server: ServerProcess,
  sigtermAt: () => number | undefined,
  onAnswered: (n: number) => void,
) {
  const outcomes: Outcome[] = [];
  let drained = false;
  const poller = (async () => {
    while (!drained) {
      const res = await fetch(`${server.url}/readyz`).catch(() => undefined);
      if (res?.status === 503 && sigtermAt() !== undefined) drained = true;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const client = async (n: number) => {
    for (let i = n; !drained; i++) {
      const [path, init] = REQUESTS[i % REQUESTS.length] ?? ["/healthz", undefined];
      const outcome: Outcome = { startedAt: Date.now() };
      outcomes.push(outcome);
      try {
        const res = await fetch(`${server.url}${path}`, init);
        await res.arrayBuffer();
        outcome.status = res.status;
        onAnswered(outcomes.filter((o) => o.status !== undefined).length);
      } catch (error) {
        outcome.error = String((error as { cause?: unknown }).cause ?? error);
      }
      outcome.finishedAt = Date.now();
    }
  };
  await Promise.all([poller, ...Array.from({ length: 16 }, (_, n) => client(n))]);
  return outcomes;
}

async function sigtermUnderLoad(workers: string) {
  const server = spawnServer(
    { DATABASE_URL: scratch.url, WEB_CONCURRENCY: workers, SHUTDOWN_DELAY_MS: "1500", LOG_LEVEL: "info" },
    await freePort(),
  );
  servers.push(server);
  await waitForReady(server);
  let sigtermAt: number | undefined;
  // Signal once the server is demonstrably busy (by count, not time: shared machines vary tenfold).
  const outcomes = await loadUntilDrained(
    server,
    () => sigtermAt,
    (answered) => {
      if (answered >= 200 && sigtermAt === undefined) {
        sigtermAt = Date.now();
        server.child.kill("SIGTERM");
      }
    },
  );
  const { code } = await server.exited;
  const exitedAfter = Date.now() - (sigtermAt ?? 0);
  return { server, outcomes, code, exitedAfter, sigtermAt: sigtermAt ?? 0 };
}

describe("graceful shutdown", () => {
  it.each(["1", "2"])(
    "WEB_CONCURRENCY=%s: SIGTERM under load fails no request and exits 0 in time",
    async (workers) => {
      const { server, outcomes, code, exitedAfter, sigtermAt } = await sigtermUnderLoad(workers);
      const failed = outcomes.filter((o) => o.error !== undefined || (o.status ?? 0) >= 500);
      expect(failed).toEqual([]);
      expect(outcomes.every((o) => o.status === 200 || o.status === 201)).toBe(true);
      // It really was under load on both sides of the signal.
      expect(outcomes.filter((o) => o.startedAt < sigtermAt).length).toBeGreaterThan(50);
      expect(outcomes.filter((o) => o.startedAt >= sigtermAt).length).toBeGreaterThan(0);
      expect(code).toBe(0);
      expect(exitedAfter).toBeLessThan(25_000);
      const messages = server.logs().map((l) => l.msg);
      expect(messages).toContain("draining: readiness now 503");
      expect(messages).toContain("stopped cleanly");
    },
  );
});
