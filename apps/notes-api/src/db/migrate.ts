// Versioned SQL migrations applied under a MySQL named lock, so any number of tasks starting at once apply
// each file exactly once: the first takes the lock and migrates, the others wait, then find nothing to do.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { type Connection, createConnection, type RowDataPacket } from "mysql2/promise";
import type { Logger } from "pino";
import type { DbConfig } from "../config.js";
import { MIGRATIONS_DIR } from "../paths.js";
import { type CredentialSource, isAccessDenied } from "./credentials.js";
import { connectionOptions } from "./pool.js";

const LOCK_WAIT_SECONDS = 60;

export interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(new URL(file, dir), "utf8");
      return {
        version: file.replace(/\.sql$/, ""),
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    }),
  );
}

interface AppliedRow extends RowDataPacket {
  version: string;
  checksum: string;
}

async function withLock<T>(conn: Connection, work: () => Promise<T>): Promise<T> {
  // Lock names are server-wide: include the database so different databases on one server don't queue.
  const [[row]] = await conn.query<RowDataPacket[]>(
    "SELECT GET_LOCK(CONCAT('notes_migrate:', DATABASE()), ?) AS got",
    [LOCK_WAIT_SECONDS],
  );
  if (row?.got !== 1) throw new Error(`could not take the migration lock within ${LOCK_WAIT_SECONDS}s`);
  try {
    return await work();
  } finally {
    await conn.query("SELECT RELEASE_LOCK(CONCAT('notes_migrate:', DATABASE()))");
  }
}

async function applyPending(conn: Connection, migrations: Migration[], log: Logger): Promise<string[]> {
  await conn.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version VARCHAR(255) NOT NULL PRIMARY KEY,
       checksum CHAR(64) NOT NULL,
       applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
     ) ENGINE=InnoDB`,
  );
  const [rows] = await conn.query<AppliedRow[]>("SELECT version, checksum FROM schema_migrations");
  const applied = new Map(rows.map((r) => [r.version, r.checksum]));
  const done: string[] = [];
  for (const m of migrations) {
    const seen = applied.get(m.version);
    if (seen && seen !== m.checksum)
      throw new Error(`migration ${m.version} was edited after it was applied`);
    if (seen) continue;
    log.info({ migration: m.version }, "applying migration");
    // DDL commits implicitly in MySQL, so a file is not atomic; keep one change per file.
    await conn.query(m.sql);
    await conn.query("INSERT INTO schema_migrations (version, checksum) VALUES (?, ?)", [
      m.version,
      m.checksum,
    ]);
    done.push(m.version);
  }
  return done;
}

/** Applies pending migrations; returns the versions this call applied (empty when already up to date). */
export async function migrate(db: DbConfig, log: Logger, migrations?: Migration[]): Promise<string[]> {
  const files = migrations ?? (await readMigrations());
  // A dedicated connection: the lock belongs to a session, and migration files may hold several statements.
  const conn = await createConnection({ ...connectionOptions(db), multipleStatements: true });
  try {
    return await withLock(conn, () => applyPending(conn, files, log));
  } finally {
    await conn.end();
  }
}

/**
 * Retries while the database is still coming up (e.g. a task starting next to a fresh RDS instance), and
 * once with the secret read again when the credentials are refused (a rotation between read and login).
 */
export async function migrateWithRetry(
  db: DbConfig,
  log: Logger,
  deadlineMs = 30_000,
  source?: CredentialSource,
): Promise<string[]> {
  const stopAt = Date.now() + deadlineMs;
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrate(db, log);
    } catch (error) {
      if (source && !refreshed && isAccessDenied(error)) {
        refreshed = true;
        log.warn("database refused the credentials, reading the secret again");
        db = { ...db, ...(await source.refresh()) };
        continue;
      }
      const code = (error as { code?: string }).code;
      const transient = code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "ECONNRESET";
      if (!transient || Date.now() > stopAt) throw error;
      log.warn({ attempt, code }, "database not reachable yet, retrying migrations");
      await new Promise((r) => setTimeout(r, Math.min(2000, 200 * attempt)));
    }
  }
}
