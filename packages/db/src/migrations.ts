// Reads Prisma-layout migrations (prisma/migrations/<timestamp>_<name>/migration.sql) from disk.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface Migration {
  name: string;
  sql: string;
  /** sha256 of the file, as Prisma records it in _prisma_migrations.checksum. */
  checksum: string;
}

export const defaultMigrationsDir = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

const MIGRATION_DIR = /^\d{14}_[a-z0-9_]+$/;

export async function readMigrations(dir = defaultMigrationsDir): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const invalid = names.find((name) => !MIGRATION_DIR.test(name));
  if (invalid)
    throw new Error(`migration folder '${invalid}' must be named <14-digit timestamp>_<snake_case_name>`);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}
