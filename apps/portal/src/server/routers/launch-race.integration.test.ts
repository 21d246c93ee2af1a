// Launch racing the wizard's autosave and itself (issue 18): whatever commits in between, a launch never
// fails on its own draft and one request starts one environment.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";

let db: ScratchDatabase;
let prisma: PrismaClient;
let deployer: SessionUser;
beforeAll(async () => {
  db = await createScratchDatabase("portal_launch_race_it");
  await migrate({ databaseUrl: db.url });
  // Enough connections for a held transaction, the launch and the lock-wait probe at once.
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 5 });
  deployer = await createTestUser(prisma, "deployer");
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});
beforeEach(async () => {
  await prisma.operation.deleteMany();
  await prisma.environment.deleteMany();
});

const api = () => createCaller({ prisma, user: deployer });
let tokens = 0;
const token = () => `race-${Date.now()}-${++tokens}`;

/**
 * Waits (bounded, never a fixed sleep) until `settled()`, or until another connection's INSERT into
 * environments is blocked behind the held draft: InnoDB shows the transaction in LOCK WAIT, and the
 * statement stays in the process list while it waits.
 */
async function untilTheLaunchWaitsOr(settled: () => boolean): Promise<void> {
  const deadline = Date.now() + 45_000;
  let seen: unknown[] = [];
  while (Date.now() < deadline && !settled()) {
    seen = await prisma.$queryRawUnsafe<unknown[]>(
      `SELECT ID, STATE, INFO FROM information_schema.PROCESSLIST
        WHERE ID <> CONNECTION_ID() AND INFO IS NOT NULL`,
    );
    const waits = await prisma.$queryRawUnsafe<{ waiting: bigint }[]>(
      "SELECT COUNT(*) AS waiting FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'",
    );
    const inserting = seen.some((row) =>
      /INSERT INTO\W+\w*\W*environments/i.test(String((row as { INFO: unknown }).INFO)),
    );
    if (inserting || Number(waits[0]?.waiting ?? 0) > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!settled())
    throw new Error(`the launch neither finished nor waited within 45 s: ${JSON.stringify(seen)}`);
}

describe("environments.launch racing the autosave", () => {
  it("launches the draft an autosave commits while the launch is already writing (no 409)", async () => {
    // The autosave's first save of this name, not yet committed when Launch reads; it commits only once
    // the launch's own insert waits on the same unique index: exactly the interleaving seen in CI.
    let launch: Promise<{ environmentId: string; operationId: string }> | undefined;
    const draftId = await prisma.$transaction(
      async (tx) => {
        const draft = await tx.environment.create({
          data: {
            name: "raced",
            region: "us-east-1",
            target: "local",
            spec: { name: "raced" },
            ownerId: deployer.id,
          },
        });
        launch = api().environments.launch({
          target: "local",
          spec: { name: "raced" },
          clientRequestToken: token(),
        });
        let settled = false;
        launch.then(
          () => (settled = true),
          () => (settled = true),
        );
        await untilTheLaunchWaitsOr(() => settled);
        return draft.id;
      },
      { timeout: 60_000 },
    );
    const launched = await launch;
    expect(launched?.environmentId).toBe(draftId);
    const rows = await prisma.environment.findMany({ where: { name: "raced" } });
    expect(rows.map((row) => row.status)).toEqual(["pending"]);
    expect(await prisma.operation.count({ where: { environmentId: draftId } })).toBe(1);
  });

  it("still refuses a name another user's environment holds", async () => {
    const other = await createTestUser(prisma, "deployer");
    await createCaller({ prisma, user: other }).environments.saveDraft({
      target: "local",
      spec: { name: "theirs" },
    });
    const error = await api()
      .environments.launch({ target: "local", spec: { name: "theirs" }, clientRequestToken: token() })
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(error?.message).toMatch(/already exists/);
    expect(await prisma.environment.count({ where: { name: "theirs" } })).toBe(1);
  });

  it("starts one environment and one operation when the same Launch arrives twice at once", async () => {
    for (let round = 0; round < 5; round += 1) {
      const request = {
        target: "local" as const,
        spec: { name: `twice-${round}` },
        clientRequestToken: token(),
      };
      const [first, second] = await Promise.all([
        api().environments.launch(request),
        api().environments.launch(request),
      ]);
      expect(second).toEqual(first);
      expect(await prisma.environment.count({ where: { name: `twice-${round}` } })).toBe(1);
      expect(await prisma.operation.count({ where: { environmentId: first.environmentId } })).toBe(1);
    }
  });
});
