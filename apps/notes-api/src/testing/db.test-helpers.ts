// Integration tests run against the private MariaDB from scripts/services.sh. Each test file gets its own
// scratch database, so files never see each other's rows and the real `notes` database is never touched.
import { randomBytes } from "node:crypto";
import { createConnection } from "mysql2/promise";
import type { DbConfig } from "../config.js";

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Start the test services and load their env first:\n` +
        "  STACKYARD_INSTANCE=test bash scripts/services.sh up && set -a && . .data/test/services.env && set +a",
    );
  }
  return value;
}

export interface ScratchDb {
  name: string;
  /** mysql:// URL for the scratch database, usable as DATABASE_URL. */
  url: string;
  db: DbConfig;
  drop(): Promise<void>;
}

async function admin<T>(
  work: (conn: Awaited<ReturnType<typeof createConnection>>) => Promise<T>,
): Promise<T> {
  const conn = await createConnection(requireEnv("MARIADB_ADMIN_URL"));
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

export async function createScratchDb(label: string): Promise<ScratchDb> {
  const name = `notes_it_${label}_${randomBytes(4).toString("hex")}`;
  await admin((conn) =>
    conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  const url = new URL(requireEnv("MARIADB_ADMIN_URL"));
  url.pathname = `/${name}`;
  const db: DbConfig = {
    host: url.hostname,
    port: Number(url.port || 3306),
    database: name,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    tls: "off",
    poolSize: 10,
  };
  return {
    name,
    url: url.toString(),
    db,
    drop: () => admin((conn) => conn.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

/** Runs SQL against a scratch database as the admin user (for assertions about what was stored). */
export async function queryScratch<T>(scratch: ScratchDb, sql: string, values: unknown[] = []): Promise<T[]> {
  const conn = await createConnection(scratch.url);
  try {
    const [rows] = await conn.query(sql, values);
    return rows as T[];
  } finally {
    await conn.end();
  }
}
