// Two portal replicas on one database, as a team runs them behind a proxy (docs/running-for-a-team.md):
// real `npm run serve` processes over the production build (build first: npm test does; alone, run
// `STACKYARD_NEXT_DIST_DIR=.next-x npx turbo run build --filter=@stackyard/portal...` with the same
// STACKYARD_NEXT_DIST_DIR), a scratch database, and the local sandbox target in a throwaway data folder.
import { randomUUID } from "node:crypto";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { readMigrations } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { removeDataDir, tempDataDir, uniqueStackName } from "@stackyard/deploy/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password";
import { Browser, watchEvents } from "./browser.test-helpers";
import { freePort, processGroupOf, type Replica, startReplica, waitFor } from "./replicas.test-helpers";

// Both replicas answer under one public name, as behind one proxy; requests carry it as their Origin.
const PUBLIC_URL = "http://stackyard.team.test";

let db: ScratchDatabase;
let dataDir: string;
let prisma: PrismaClient;
let a: Replica;
let b: Replica;

beforeAll(async () => {
  db = await createScratchDatabase("team_it");
  dataDir = tempDataDir();
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    STACKYARD_DATA_DIR: dataDir,
    STACKYARD_PUBLIC_URL: PUBLIC_URL,
  };
  const portA = await freePort();
  let portB: number;
  do portB = await freePort();
  while (portB === portA);
  // Started together on an empty database: both race to migrate it.
  [a, b] = await Promise.all([startReplica("a", portA, env), startReplica("b", portB, env)]);
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
}, 200_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  if (dataDir) removeDataDir(dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 60_000);

async function signedInBrowser(): Promise<Browser> {
  const email = `team-${randomUUID()}@example.test`;
  const password = `replica-${randomUUID()}`;
  await prisma.user.create({
    data: { email, name: "Team admin", role: "admin", passwordHash: await hashPassword(password) },
  });
  const browser = new Browser(PUBLIC_URL);
  await browser.mutate(a.url, "auth.signIn", { email, password });
  return browser;
}

describe("two portal replicas on one database", () => {
  it("migrate the shared database once, under the lock", async () => {
    const expected = (await readMigrations()).map((m) => m.name);
    const rows = await prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(expected);
    const appliedBy = [a, b].filter((replica) => /portal database applied /.test(replica.output()));
    const upToDate = [a, b].filter((replica) => /portal database up to date/.test(replica.output()));
    expect([appliedBy.length, upToDate.length]).toEqual([1, 1]);
  });

  it("share sessions: signed in on one, signed in on the other; signed out on one, out on both", async () => {
    const browser = await signedInBrowser();
    const me = await browser.query<{ user: { email: string } | null }>(b.url, "auth.me");
    expect(me.user?.email).toMatch(/^team-.*@example\.test$/);
    const cookie = browser.cookie;
    await browser.mutate(b.url, "auth.signOut", {});
    browser.cookie = cookie;
    expect((await browser.query<{ user: unknown }>(a.url, "auth.me")).user).toBeNull();
  });

  it("poll a stack from one replica at a time, and stream its events to browsers on both", async () => {
    const browser = await signedInBrowser();
    const name = uniqueStackName("team");
    const { environmentId, operationId } = await browser.mutate<{
      environmentId: string;
      operationId: string;
    }>(a.url, "environments.launch", {
      target: "local",
      spec: { name, database: { deletionProtection: false } },
      clientRequestToken: randomUUID(),
    });
    const operation = () =>
      prisma.operation.findUniqueOrThrow({
        where: { id: operationId },
        select: { status: true, leaseOwner: true },
      });
    const replicaOf = (owner: string | null) => {
      const group = owner ? processGroupOf(Number(owner.split(":")[1])) : null;
      return group === a.pid ? "a" : group === b.pid ? "b" : owner ? `unknown ${owner}` : null;
    };
    await waitFor("A to poll the launch", async () => {
      const row = await operation();
      return row.status === "running" && replicaOf(row.leaseOwner) === "a" ? true : undefined;
    });

    // A stops answering (frozen, its lease still held). B, which did not start this operation and was
    // running before it began, looks for running operations once per lease period (operations/adopt.ts),
    // and may take this one's lease only once A's has lapsed.
    process.kill(-a.pid, "SIGSTOP");
    const { leaseExpiresAt } = await prisma.operation.findUniqueOrThrow({
      where: { id: operationId },
      select: { leaseExpiresAt: true },
    });
    const holders: string[] = [];
    let takenOverAt = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const holder = replicaOf((await operation()).leaseOwner);
        if (holder && holder !== holders.at(-1)) holders.push(holder);
        if (holder === "b" && !takenOverAt) takenOverAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      // Lease and look-up period: 30 s each (packages/deploy tracker.ts, operations/adopt.ts).
      await waitFor(
        "B to take over the lapsed lease",
        async () => (holders.at(-1) === "b" ? true : undefined),
        150_000,
      );
    } finally {
      process.kill(-a.pid, "SIGCONT");
    }

    const onA = watchEvents(browser, a.url, environmentId);
    const onB = watchEvents(browser, b.url, environmentId);
    await waitFor("CREATE_COMPLETE on both replicas' streams", async () =>
      onA.has(name, "CREATE_COMPLETE") && onB.has(name, "CREATE_COMPLETE") ? true : undefined,
    );
    sampling = false;
    await sampler;
    expect((await operation()).status).toBe("succeeded");
    // One poller at a time: A until its lease lapsed, then B; A, back, did not take it again.
    expect(holders).toEqual(["a", "b"]);
    expect(takenOverAt).toBeGreaterThanOrEqual(leaseExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    expect([onA.errors, onB.errors]).toEqual([[], []]);
    // Same events, in the same order, each once.
    expect(onB.events.map((e) => e.id)).toEqual(onA.events.map((e) => e.id));
    expect(new Set(onA.events.map((e) => e.id)).size).toBe(onA.events.length);

    // Deleted through B, followed live by A's browser: A never polls this operation, so its stream learns
    // of it from the database alone (the fallback re-read).
    await browser.mutate(b.url, "environments.delete", { id: environmentId });
    await waitFor("DELETE_COMPLETE on both replicas' streams", async () =>
      onA.has(name, "DELETE_COMPLETE") && onB.has(name, "DELETE_COMPLETE") ? true : undefined,
    );
    onA.close();
    onB.close();
  }, 300_000);
});
