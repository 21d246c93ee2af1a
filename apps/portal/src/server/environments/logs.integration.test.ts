// environments.logs and environments.onLogs on the local sandbox: a real environment (notes-api processes,
// nginx, MariaDB), a request through nginx, and its line found by its X-Request-Id through the router and
// seen live through the subscription within 3 s; a stream resumed from its last event id on another portal
// process (a new LogHub) misses nothing.

import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine, LogHub, type LogLine } from "@stackyard/deploy";
import type { LocalSandboxDriver } from "@stackyard/deploy/local";
import {
  deleteStackAndData,
  newDriver,
  tempDataDir,
  uniqueStackName,
  until,
} from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

const dataDir = tempDataDir();
const driver: LocalSandboxDriver = newDriver(dataDir);
const name = uniqueStackName("logs");
const hubs: LogHub[] = [];
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let viewer: SessionUser;
let environmentId = "";
let appUrl = "";

const as = (user: SessionUser | null, logHub = hubs[0]) =>
  createCaller({ prisma, user, deploy: engine, driverFor: () => driver, logHub });

type Tracked = [string, { lines: LogLine[] }];

type OnLogsInput = Parameters<ReturnType<typeof as>["environments"]["onLogs"]>[0];

/**
 * Opens environments.onLogs as `viewer` and reads it in the background: every line with its arrival time,
 * and the last event id. stop() aborts it as a closing browser tab does.
 */
function watch(input: OnLogsInput, logHub = hubs[0]) {
  const seen: { line: LogLine; at: number }[] = [];
  const state = { lastEventId: "", batches: 0 };
  const controller = new AbortController();
  const caller = createCaller(
    { prisma, user: viewer, deploy: engine, driverFor: () => driver, logHub },
    { signal: controller.signal },
  );
  const done = (async () => {
    for await (const item of (await caller.environments.onLogs(input)) as AsyncIterable<unknown>) {
      const [id, data] = item as Tracked;
      state.lastEventId = id;
      state.batches += 1;
      for (const line of data.lines) seen.push({ line, at: Date.now() });
    }
  })();
  return {
    seen,
    state,
    async stop() {
      controller.abort();
      await done.catch((error: unknown) => {
        if (!controller.signal.aborted) throw error;
      });
    },
  };
}

async function requestThroughNginx(path = "/api/notes?limit=1"): Promise<{ id: string; sentAt: number }> {
  const sentAt = Date.now();
  const response = await fetch(`${appUrl}${path}`);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
  const id = response.headers.get("x-request-id");
  expect(id, "notes-api answers with its request id").toMatch(/^[A-Za-z0-9._:-]+$/);
  return { id: id as string, sentAt };
}

beforeAll(async () => {
  hubs.push(new LogHub());
  db = await createScratchDatabase("portal_logs_local");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  const owner = await createTestUser(prisma, "deployer");
  viewer = await createTestUser(prisma, "viewer");
  const launched = await as(owner).environments.launch({
    target: "local",
    spec: { ...defaultSpec(), name, app: { ...defaultSpec().app, desiredCount: 2 } },
    clientRequestToken: `launch-${name}`,
  });
  environmentId = launched.environmentId;
  await until("the environment to be live", async () => {
    const environment = await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } });
    appUrl = (environment.outputs as { AppUrl?: string } | null)?.AppUrl ?? "";
    return environment.status === "live";
  });
}, 150_000);

afterAll(async () => {
  for (const hub of hubs) hub.close();
  await deleteStackAndData(driver, name, dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

describe("environments.logs and onLogs on the local sandbox", () => {
  it("shows a request made through the app URL live within 3 s, findable by its X-Request-Id", async () => {
    const stream = watch({ id: environmentId });
    await until("the stream to be live", async () => stream.state.batches > 0, 10_000);
    const request = await requestThroughNginx();
    await until(
      "the request's line",
      async () => stream.seen.some((s) => s.line.requestId === request.id),
      3_000,
    );
    const arrived = stream.seen.find((s) => s.line.requestId === request.id);
    expect((arrived?.at ?? Infinity) - request.sentAt).toBeLessThan(3_000);
    expect(arrived?.line).toMatchObject({
      level: "info",
      message: "request completed",
      method: "GET",
      url: "/api/notes?limit=1",
      status: 200,
      task: expect.stringMatching(/^notes-api-\d+$/),
    });
    expect(arrived?.line.durationMs).toBeGreaterThanOrEqual(0);
    await stream.stop();

    const found = await as(viewer).environments.logs({ id: environmentId, filter: { text: request.id } });
    expect(found.available).toBe(true);
    expect(found.lines.map((l) => l.requestId)).toEqual([request.id]);
    expect(found.tasks).toHaveLength(2);
    expect(found.lines[0]?.raw).toContain(`"reqId":"${request.id}"`);
  });

  it("streams only the lines matching a viewer's filter", async () => {
    const wanted = `wanted-${Date.now().toString(36)}`;
    const stream = watch({
      id: environmentId,
      filter: { text: wanted },
    });
    await until("the stream to be live", async () => stream.state.batches > 0, 10_000);
    const other = await requestThroughNginx("/api/notes?limit=3");
    const sentAt = Date.now();
    const response = await fetch(`${appUrl}/api/notes?limit=1`, { headers: { "x-request-id": wanted } });
    await response.arrayBuffer();
    await until("the wanted line", async () => stream.seen.some((s) => s.line.requestId === wanted), 3_000);
    expect(Date.now() - sentAt).toBeLessThan(3_000);
    expect(stream.seen.map((s) => s.line.requestId)).not.toContain(other.id);
    expect(stream.seen.every((s) => s.line.raw.includes(wanted))).toBe(true);
    await stream.stop();
  });

  it("filters by level and task, and loads older lines page by page", async () => {
    const all = await as(viewer).environments.logs({ id: environmentId, limit: 1_000 });
    const task = all.tasks[0] as string;
    const oneTask = await as(viewer).environments.logs({ id: environmentId, filter: { task } });
    expect(oneTask.lines.length).toBeGreaterThan(0);
    expect(oneTask.lines.every((l) => l.task === task)).toBe(true);
    const errors = await as(viewer).environments.logs({ id: environmentId, filter: { level: "error" } });
    expect(errors.lines.every((l) => l.level === null || l.level === "error" || l.level === "fatal")).toBe(
      true,
    );

    const newest = await as(viewer).environments.logs({ id: environmentId, limit: 3 });
    expect(newest.lines).toHaveLength(3);
    expect(newest.hasOlder).toBe(true);
    const older = await as(viewer).environments.logs({
      id: environmentId,
      limit: 3,
      until: newest.lines[0]?.timestamp,
    });
    const newestIds = new Set(newest.lines.map((l) => l.id));
    expect(older.lines.filter((l) => !newestIds.has(l.id)).length).toBeGreaterThan(0);
    expect(older.lines.every((l) => l.timestamp <= (newest.lines[0]?.timestamp as Date))).toBe(true);
  });

  it("resumes from the last event id on another portal process without missing a line", async () => {
    const first = watch({ id: environmentId });
    await until("the stream to be live", async () => first.state.batches > 0, 10_000);
    const before = await requestThroughNginx();
    await until("the first line", async () => first.seen.some((s) => s.line.requestId === before.id), 5_000);
    const lastEventId = first.state.lastEventId;
    await first.stop();
    // While nobody watches: a request whose line only a resume can deliver.
    const missed = await requestThroughNginx("/api/notes?limit=2");
    const elsewhere = new LogHub();
    hubs.push(elsewhere);
    const resumed = watch(
      {
        id: environmentId,
        lastEventId,
      },
      elsewhere,
    );
    await until(
      "the missed line",
      async () => resumed.seen.some((s) => s.line.requestId === missed.id),
      5_000,
    );
    expect(resumed.seen.some((s) => s.line.requestId === before.id)).toBe(false);
    await resumed.stop();
  });

  it("runs one tail for several viewers, and refuses a stream to nobody signed in", async () => {
    const hub = new LogHub();
    hubs.push(hub);
    const viewers = await Promise.all(
      Array.from({ length: 5 }, async () => watch({ id: environmentId }, hub)),
    );
    await until("every stream to be live", async () => viewers.every((v) => v.state.batches > 0), 10_000);
    const request = await requestThroughNginx();
    await until("every viewer to see the line", async () =>
      viewers.every((v) => v.seen.some((s) => s.line.requestId === request.id)),
    );
    expect(hub.tailsStarted).toBe(1);
    await Promise.all(viewers.map((v) => v.stop()));
    await expect(
      (async () => {
        for await (const _ of (await as(null).environments.onLogs({
          id: environmentId,
        })) as AsyncIterable<unknown>)
          break;
      })(),
    ).rejects.toThrow(/UNAUTHORIZED|Sign in/);
  });

  it("refuses a cursor that no target handed out, naming the field", async () => {
    await expect(
      as(viewer).environments.onLogs({ id: environmentId, lastEventId: "../../etc/passwd" }),
    ).rejects.toThrow(/lastEventId[\s\S]*log cursor/);
  });
});
