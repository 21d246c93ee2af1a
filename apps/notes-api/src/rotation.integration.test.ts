// The database password changes under a running app, as when RDS rotates its managed master secret: ECS
// injected the old one at task start, and only connections opened afterwards meet the new one.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
import { randomBytes } from "node:crypto";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { createConnection, type Pool } from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { credentialSourceFor, withCredentials } from "./db/credentials.js";
import { migrate } from "./db/migrate.js";
import { createDbPool } from "./db/pool.js";
import { createLogger } from "./logger.js";
import { createScratchDb, requireEnv, type ScratchDb } from "./testing/db.test-helpers.js";

const user = `rot_${randomBytes(4).toString("hex")}`;
const dir = mkdtempSync(join(tmpdir(), "notes-rotation-"));
const secretFile = join(dir, "db-secret.json");
let scratch: ScratchDb;
let pool: Pool;
let app: FastifyInstance;

async function asAdmin(sql: string, values: unknown[] = []): Promise<unknown> {
  const conn = await createConnection(requireEnv("MARIADB_ADMIN_URL"));
  try {
    return (await conn.query(sql, values))[0];
  } finally {
    await conn.end();
  }
}

/** What the local sandbox does: temp file + rename, so a reader never sees half a secret. */
function writeSecret(password: string): void {
  writeFileSync(`${secretFile}.tmp`, JSON.stringify({ username: user, password }), { mode: 0o600 });
  renameSync(`${secretFile}.tmp`, secretFile);
}

async function setPassword(password: string): Promise<void> {
  await asAdmin("ALTER USER ?@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD(?)", [user, password]);
}

/** Ends the app's open sessions: what idle timeouts, failovers and scaling do to a pool over days. */
async function dropAppConnections(): Promise<number> {
  const rows = (await asAdmin("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?", [user])) as {
    ID: number;
  }[];
  for (const row of rows) await asAdmin(`KILL CONNECTION ${Number(row.ID)}`).catch(() => undefined);
  return rows.length;
}

beforeAll(async () => {
  scratch = await createScratchDb("rotation");
  await asAdmin("CREATE USER ?@'%' IDENTIFIED VIA mysql_native_password USING PASSWORD(?)", [
    user,
    "first-pw",
  ]);
  await asAdmin(`GRANT ALL PRIVILEGES ON \`${scratch.name}\`.* TO ?@'%'`, [user]);
  writeSecret("first-pw");
  const config = loadConfig({
    DB_HOST: scratch.db.host,
    DB_PORT: String(scratch.db.port),
    DB_NAME: scratch.name,
    DB_SECRET_FILE: secretFile,
    DB_POOL_SIZE: "3",
  });
  const logger = createLogger("silent");
  const source = credentialSourceFor(config.db);
  const db = await withCredentials(config.db, source);
  await migrate(db, logger);
  pool = createDbPool(db, source);
  app = await buildApp({ config, pool, logger });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await pool?.end();
  await asAdmin("DROP USER IF EXISTS ?@'%'", [user]).catch(() => undefined);
  await scratch?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const create = (title: string) =>
  app.inject({ method: "POST", url: "/api/notes", payload: { title, description: "kept across rotations" } });

describe("DB_SECRET_FILE under rotation", () => {
  it("reads the new password when MySQL refuses the cached one, and keeps serving", async () => {
    const before = await create("written before the rotation");
    expect(before.statusCode).toBe(201);

    await setPassword("second-pw");
    writeSecret("second-pw");
    // Open sessions survive ALTER USER; the failure only shows on a new connection. Force new ones.
    expect(await dropAppConnections()).toBeGreaterThan(0);

    const after = await create("written after the rotation");
    expect(after.statusCode).toBe(201);
    const read = await app.inject({ method: "GET", url: `/api/notes/${before.json().id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().title).toBe("written before the rotation");
    expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });

  it("answers 503 (not a hang, not a crash) while the secret still holds a refused password", async () => {
    await setPassword("third-pw"); // the secret file still says second-pw
    await dropAppConnections();
    const refused = await app.inject({ method: "GET", url: "/api/notes" });
    expect(refused.statusCode).toBe(503);
    writeSecret("third-pw");
    const served = await app.inject({ method: "GET", url: "/api/notes" });
    expect(served.statusCode).toBe(200);
    expect(served.json().notes.map((n: { title: string }) => n.title)).toContain(
      "written before the rotation",
    );
  });

  it("a static password (DB_PASSWORD) is what fails after a rotation: the defect this fixes", async () => {
    const config = loadConfig({
      DB_HOST: scratch.db.host,
      DB_PORT: String(scratch.db.port),
      DB_NAME: scratch.name,
      DB_USER: user,
      DB_PASSWORD: "third-pw",
    });
    const staticPool = createDbPool(config.db);
    try {
      await staticPool.query("SELECT 1");
      await setPassword("fourth-pw");
      writeSecret("fourth-pw");
      await dropAppConnections();
      await expect(staticPool.query("SELECT 1")).rejects.toMatchObject({ code: "ER_ACCESS_DENIED_ERROR" });
      // The app's pool, over the same server, recovers.
      expect((await app.inject({ method: "GET", url: "/api/notes" })).statusCode).toBe(200);
    } finally {
      await staticPool.end();
    }
  });
});
