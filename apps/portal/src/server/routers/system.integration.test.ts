import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETACHED_VIEWER } from "../auth/test-users.test-helpers";
import { createCaller } from "./_app";

let db: ScratchDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createScratchDatabase("portal_it");
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe("system.status", () => {
  it("explains what to do when the database is not migrated", async () => {
    await expect(createCaller({ prisma }).system.status()).rejects.toThrow(/not migrated \(run npm start/);
  });

  it("reports the database version, migrations and environment count once migrated", async () => {
    const { applied } = await migrate({ databaseUrl: db.url });
    await prisma.environment.create({ data: { name: "one", target: "local", region: "local", spec: {} } });
    const status = await createCaller({ prisma, user: DETACHED_VIEWER }).system.status();
    if (!("database" in status)) throw new Error("a signed-in caller sees the details");
    expect(status.database.version).toMatch(/MariaDB/);
    expect(status.database.migrationsApplied).toBe(applied.length);
    expect(status.database.latestMigration).toBe(applied.at(-1));
    expect(status.environments).toBe(1);
  });

  it("tells a signed-out caller only that the portal is up (issue 13, item 10)", async () => {
    expect(await createCaller({ prisma, user: null }).system.status()).toEqual({ ok: true });
  });
});
