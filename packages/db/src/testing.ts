// Integration tests (here and in the apps) each get a throwaway database, so they never touch real data.
// Exported as @stackyard/db/testing; never imported by runtime code.
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export function adminUrl(): URL {
  const url = process.env.MARIADB_ADMIN_URL;
  if (!url) {
    throw new Error(
      "MARIADB_ADMIN_URL is not set: run integration tests through `npm test`, or `STACKYARD_INSTANCE=test npm run services:up` and load .data/test/services.env",
    );
  }
  return new URL(url);
}

export async function createScratchDatabase(prefix = "stackyard_it"): Promise<ScratchDatabase> {
  const admin = adminUrl();
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const connection = await mysql.createConnection(admin.toString());
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = await mysql.createConnection(admin.toString());
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
