// Our stand-in for `prisma migrate deploy` (whose schema engine cannot be installed here). It keeps
// Prisma's bookkeeping table exactly, so the real command can take over wherever it is available.
import { randomUUID } from "node:crypto";
import mysql from "mysql2/promise";
import { parseDatabaseUrl } from "./database-url.js";
import { type Migration, readMigrations } from "./migrations.js";

const BOOKKEEPING_DDL = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
  \`id\` VARCHAR(36) PRIMARY KEY NOT NULL,
  \`checksum\` VARCHAR(64) NOT NULL,
  \`finished_at\` DATETIME(3),
  \`migration_name\` VARCHAR(255) NOT NULL,
  \`logs\` TEXT,
  \`rolled_back_at\` DATETIME(3),
  \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

const LOCK_TIMEOUT_SECONDS = 60;

export interface MigrateOptions {
  databaseUrl?: string;
  migrationsDir?: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export class MigrationError extends Error {}

/** Applies pending migrations once, however many processes call this at the same time. */
export async function migrate(options: MigrateOptions = {}): Promise<MigrateResult> {
  const config = parseDatabaseUrl(options.databaseUrl ?? process.env.DATABASE_URL);
  const migrations = await readMigrations(options.migrationsDir);
  const connection = await mysql.createConnection({ ...config, multipleStatements: true });
  const lockName = `stackyard_migrate_${config.database}`;
  try {
    await acquireLock(connection, lockName);
    await connection.query(BOOKKEEPING_DDL);
    const applied = await appliedMigrations(connection);
    const pending = migrations.filter((migration) => !isApplied(migration, applied));
    for (const migration of pending) await applyOne(connection, migration);
    return {
      applied: pending.map((migration) => migration.name),
      alreadyApplied: migrations.filter((m) => !pending.includes(m)).map((m) => m.name),
    };
  } finally {
    await connection.query("SELECT RELEASE_LOCK(?)", [lockName]).catch(() => undefined);
    await connection.end();
  }
}

async function acquireLock(connection: mysql.Connection, lockName: string): Promise<void> {
  const [rows] = await connection.query<mysql.RowDataPacket[]>("SELECT GET_LOCK(?, ?) AS locked", [
    lockName,
    LOCK_TIMEOUT_SECONDS,
  ]);
  if (rows[0]?.locked !== 1) {
    throw new MigrationError(
      `another process has held the migration lock for ${LOCK_TIMEOUT_SECONDS} s; try again`,
    );
  }
}

async function appliedMigrations(connection: mysql.Connection): Promise<Map<string, AppliedRow>> {
  const [rows] = await connection.query<(AppliedRow & mysql.RowDataPacket)[]>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations WHERE rolled_back_at IS NULL",
  );
  return new Map(rows.map((row) => [row.migration_name, row]));
}

function isApplied(migration: Migration, applied: Map<string, AppliedRow>): boolean {
  const row = applied.get(migration.name);
  if (!row) return false;
  if (!row.finished_at) {
    throw new MigrationError(
      `migration ${migration.name} started but did not finish (see _prisma_migrations.logs). Repair the database by hand, then mark it rolled back (UPDATE _prisma_migrations SET rolled_back_at = NOW(3) WHERE migration_name = '${migration.name}') and run again.`,
    );
  }
  if (row.checksum !== migration.checksum) {
    throw new MigrationError(
      `migration ${migration.name} was edited after it was applied; add a new migration instead of changing an applied one`,
    );
  }
  return true;
}

async function applyOne(connection: mysql.Connection, migration: Migration): Promise<void> {
  const id = randomUUID();
  await connection.query(
    "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES (?, ?, ?, NOW(3))",
    [id, migration.checksum, migration.name],
  );
  try {
    // MySQL DDL commits implicitly, so a failure part-way is recorded (like Prisma) rather than undone.
    await connection.query(migration.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await connection.query("UPDATE _prisma_migrations SET logs = ? WHERE id = ?", [message, id]);
    throw new MigrationError(`migration ${migration.name} failed: ${message}`);
  }
  await connection.query(
    "UPDATE _prisma_migrations SET finished_at = NOW(3), applied_steps_count = 1 WHERE id = ?",
    [id],
  );
}
