// RDS MySQL's stand-in: a database and its own user on the private MariaDB, made through the sandbox
// account in MARIADB_SANDBOX_URL (its grants cover only sandbox_* databases: see scripts/mariadb.sh).
// Users are mysql_native_password (mysql2 cannot log in with ed25519).
// Passwords go to the 0600 credentials file only: never into events, logs or outputs.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import type { DatabaseCredentials } from "./state-store.js";

const run = promisify(execFile);

export interface AdminConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * The sandbox account scripts/services.sh provisions (MARIADB_SANDBOX_URL in .data/<instance>/services.env):
 * it may create and drop only sandbox_* databases and manage users, never touch the portal's own data.
 */
export function adminFromEnv(env: NodeJS.ProcessEnv = process.env): AdminConnection {
  const url = env.MARIADB_SANDBOX_URL;
  if (!url) {
    throw new Error(
      "MARIADB_SANDBOX_URL is not set: start the local services (scripts/services.sh up) and source services.env",
    );
  }
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

async function withAdmin<T>(admin: AdminConnection, work: (db: mysql.Connection) => Promise<T>): Promise<T> {
  const db = await mysql.createConnection({ ...admin, connectTimeout: 5000 });
  try {
    return await work(db);
  } finally {
    await db.end().catch(() => undefined);
  }
}

/** Identifiers come from sqlNames() ([a-z0-9_]); quoting is belt and braces. */
const ident = (name: string) => `\`${name.replace(/`/g, "``")}\``;

export function newPassword(): string {
  return randomBytes(24).toString("base64url");
}

export async function createDatabase(
  admin: AdminConnection,
  credentials: DatabaseCredentials,
): Promise<void> {
  const { database, user, password } = credentials;
  await withAdmin(admin, async (db) => {
    await db.query(`CREATE DATABASE IF NOT EXISTS ${ident(database)} CHARACTER SET utf8mb4`);
    await db.query(
      "CREATE USER IF NOT EXISTS ?@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD(?)",
      [user, password],
    );
    // A re-run after an interrupted create may find the user: make its password the one on file.
    await db.query("ALTER USER ?@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD(?)", [
      user,
      password,
    ]);
    await db.query(`GRANT ALL PRIVILEGES ON ${ident(database)}.* TO ?@'127.0.0.1'`, [user]);
  });
}

/**
 * Gives the database's user a new password (the rotation's "set secret" step). Sessions already open stay
 * logged in, as on MySQL; only new logins need the new password.
 */
export async function setUserPassword(admin: AdminConnection, user: string, password: string): Promise<void> {
  await withAdmin(admin, async (db) => {
    await db.query("ALTER USER ?@'127.0.0.1' IDENTIFIED VIA mysql_native_password USING PASSWORD(?)", [
      user,
      password,
    ]);
  });
}

export async function dropDatabase(admin: AdminConnection, database: string, user: string): Promise<void> {
  await withAdmin(admin, async (db) => {
    await db.query(`DROP DATABASE IF EXISTS ${ident(database)}`);
    await db.query("DROP USER IF EXISTS ?@'127.0.0.1'", [user]);
  });
}

export async function databaseExists(admin: AdminConnection, database: string): Promise<boolean> {
  return withAdmin(admin, async (db) => {
    const [rows] = await db.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [
      database,
    ]);
    return (rows as unknown[]).length > 0;
  });
}

/**
 * mariadb-dump of the database to `file`, as the environment's own user. The password travels in a
 * 0600 defaults file that is removed afterwards, never on the command line (where ps would show it).
 */
export async function dumpDatabase(credentials: DatabaseCredentials, file: string, scratchDir: string) {
  const defaults = join(scratchDir, `.dump-${process.pid}.cnf`);
  writeFileSync(
    defaults,
    `[client]\nuser=${credentials.user}\npassword="${credentials.password}"\nhost=${credentials.host}\nport=${credentials.port}\n`,
    { mode: 0o600 },
  );
  try {
    await run(
      "mariadb-dump",
      [
        `--defaults-extra-file=${defaults}`,
        "--single-transaction",
        "--routines",
        "--no-tablespaces",
        `--result-file=${file}`,
        "--databases",
        credentials.database,
      ],
      { timeout: 120_000 },
    );
  } finally {
    rmSync(defaults, { force: true });
  }
}
