// Bench databases (fresh each run, dropped at the end), identical seed data, and the database's own ceiling.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import mysql from "mysql2/promise";
import { PEER_DIR } from "./servers.mjs";

const run = promisify(execFile);
const OURS_DB = "notes_bench_ours";
const PEER_DB = "notes_bench_peer";

function urlFor(database) {
  const url = new URL(process.env.MARIADB_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
export const oursUrl = () => urlFor(OURS_DB);
export const peerUrl = () => urlFor(PEER_DB).replace(/^mysql:/, "mysql+pymysql:");

async function withAdmin(work) {
  const conn = await mysql.createConnection(process.env.MARIADB_ADMIN_URL);
  try {
    return await work(conn);
  } finally {
    await conn.end();
  }
}

const SEED = Array.from({ length: 1000 }, (_, i) => [
  `Note ${i + 1}`,
  `Seeded description number ${i + 1} for the benchmark`,
]);

export async function prepareDatabases(migrateOurs) {
  await withAdmin(async (conn) => {
    for (const db of [OURS_DB, PEER_DB]) {
      await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
      await conn.query(`CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  });
  await migrateOurs(oursUrl());
  await run("/usr/bin/python3", ["app.py"], {
    cwd: PEER_DIR,
    env: { PEER_DATABASE_URL: peerUrl(), PYTHONDONTWRITEBYTECODE: "1" },
  });
  await withAdmin(async (conn) => {
    await conn.query(`INSERT INTO \`${OURS_DB}\`.notes (title, description) VALUES ?`, [SEED]);
    await conn.query(`INSERT INTO \`${PEER_DB}\`.entries (title, description, status) VALUES ?`, [
      SEED.map(([t, d]) => [t, d, false]),
    ]);
  });
}

export async function dropDatabases() {
  await withAdmin(async (conn) => {
    for (const db of [OURS_DB, PEER_DB]) await conn.query(`DROP DATABASE IF EXISTS \`${db}\``);
  });
}

/**
 * The write ceiling with no HTTP in the way: 32 connections doing exactly the SQL notes-api does per
 * request, from one Node process, for `seconds`. Returns statements-groups completed per second.
 */
export async function dbCeiling(kind, seconds, connections = 32) {
  const pool = mysql.createPool({ uri: oursUrl(), connectionLimit: connections });
  const stopAt = Date.now() + seconds * 1000;
  let done = 0;
  const once = {
    create: async () => {
      await pool.query(
        "INSERT INTO notes (title, description, done, version, created_at, updated_at) VALUES (?, ?, FALSE, 1, ?, ?)",
        ["ceiling", "insert", "2026-12-07 00:00:00.000", "2026-12-07 00:00:00.000"],
      );
    },
    toggle: async () => {
      const conn = await pool.getConnection();
      const id = 1 + Math.floor(Math.random() * 1000);
      try {
        await conn.beginTransaction();
        await conn.query("UPDATE notes SET done = NOT done, version = version + 1 WHERE id = ?", [id]);
        await conn.query(
          "SELECT id, title, description, done, version, created_at, updated_at FROM notes WHERE id = ?",
          [id],
        );
        await conn.commit();
      } finally {
        conn.release();
      }
    },
  }[kind];
  const worker = async () => {
    while (Date.now() < stopAt) {
      await once();
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  await pool.end();
  return done / ((Date.now() - started) / 1000);
}
