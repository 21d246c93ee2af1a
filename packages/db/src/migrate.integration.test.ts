import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mysql from "mysql2/promise";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MigrationError, migrate } from "./migrate.js";
import { defaultMigrationsDir, readMigrations } from "./migrations.js";
import { createScratchDatabase, type ScratchDatabase } from "./testing.js";

let db: ScratchDatabase;
beforeEach(async () => {
  db = await createScratchDatabase();
});
afterEach(async () => {
  await db.drop();
});

async function bookkeeping(url: string) {
  const connection = await mysql.createConnection(url);
  const [rows] = await connection.query<mysql.RowDataPacket[]>(
    "SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
  );
  await connection.end();
  return rows;
}

describe("migrate", () => {
  it("applies every migration once and records it the way Prisma does", async () => {
    const migrations = await readMigrations();
    const first = await migrate({ databaseUrl: db.url });
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = await migrate({ databaseUrl: db.url });
    expect(second.applied).toEqual([]);
    const rows = await bookkeeping(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    expect(rows.map((r) => r.checksum)).toEqual(migrations.map((m) => m.checksum));
    expect(rows.every((r) => r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
  });

  it("applies each migration exactly once when five processes race", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate({ databaseUrl: db.url })));
    const appliedCount = results.reduce((sum, r) => sum + r.applied.length, 0);
    expect(appliedCount).toBe((await readMigrations()).length);
    expect(await bookkeeping(db.url)).toHaveLength(appliedCount);
  });

  it("refuses to run when an applied migration was edited", async () => {
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await migrate({ databaseUrl: db.url, migrationsDir: dir });
    const [first] = await readMigrations(dir);
    await writeFile(join(dir, first?.name ?? "", "migration.sql"), `${first?.sql}\n-- edited\n`);
    await expect(migrate({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      /was edited after it was applied/,
    );
  });

  it("records a failing migration and blocks later runs until it is repaired", async () => {
    const dir = await mkdtemp(join(tmpdir(), "migrations-"));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await cp(join(defaultMigrationsDir, "20261128000000_init"), join(dir, "29990101000000_broken"), {
      recursive: true,
    });
    await writeFile(
      join(dir, "29990101000000_broken", "migration.sql"),
      "ALTER TABLE no_such_table ADD x INT;",
    );
    await expect(migrate({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(
      /29990101000000_broken failed/,
    );
    await expect(migrate({ databaseUrl: db.url, migrationsDir: dir })).rejects.toThrow(MigrationError);
    const broken = (await bookkeeping(db.url)).find((r) => r.migration_name === "29990101000000_broken");
    expect(broken?.finished_at).toBeNull();
  });
});
