// The local target's MariaDB account (MARIADB_SANDBOX_URL) used to hold ALL ON *.* WITH GRANT OPTION: a
// bug or an injection in the sandbox code could read or drop the portal's own database. Now it may only
// create and drop sandbox_* databases and their users, grant on those, and rotate those users' passwords.
import { randomBytes } from "node:crypto";
import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { adminFromEnv, createDatabase, dropDatabase, newPassword, setUserPassword } from "./database.js";

const suffix = randomBytes(4).toString("hex");
const names = { database: `sandbox_grants_${suffix}`, user: `sb_grants_${suffix}` };

async function asSandbox<T>(work: (db: mysql.Connection) => Promise<T>): Promise<T> {
  const db = await mysql.createConnection(adminFromEnv());
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

const refused = (sql: string) =>
  asSandbox((db) => db.query(sql)).then(
    () => "allowed",
    (e: Error) => e.message,
  );

afterAll(async () => {
  await dropDatabase(adminFromEnv(), names.database, names.user).catch(() => undefined);
});

describe("the sandbox account", () => {
  it("creates a sandbox database and its user, grants on it, rotates the password and drops both", async () => {
    const password = newPassword();
    const { host, port } = adminFromEnv();
    await createDatabase(adminFromEnv(), { ...names, password, host, port });
    const asUser = await mysql.createConnection({ ...adminFromEnv(), user: names.user, password });
    await asUser.query(`CREATE TABLE \`${names.database}\`.notes (id INT PRIMARY KEY)`);
    await asUser.end();

    const rotated = newPassword();
    await setUserPassword(adminFromEnv(), names.user, rotated);
    const again = await mysql.createConnection({ ...adminFromEnv(), user: names.user, password: rotated });
    await again.end();

    await dropDatabase(adminFromEnv(), names.database, names.user);
    const left = await asSandbox((db) =>
      db.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [names.database]),
    );
    expect(left[0]).toEqual([]);
  });

  it("cannot read, change, drop or grant on any other database", async () => {
    for (const sql of [
      "SELECT COUNT(*) FROM stackyard.users",
      "DROP DATABASE stackyard",
      "DROP DATABASE notes",
      `CREATE DATABASE notes_${suffix}`,
      "CREATE TABLE notes.planted (id INT)",
      `GRANT ALL PRIVILEGES ON stackyard.* TO '${names.user}'@'127.0.0.1'`,
      "GRANT ALL PRIVILEGES ON *.* TO CURRENT_USER()",
      "SELECT COUNT(*) FROM mysql.user",
    ]) {
      expect(await refused(sql), sql).toMatch(/denied/i);
    }
  });

  it("holds no privilege on *.* besides CREATE USER", async () => {
    const [rows] = await asSandbox((db) => db.query("SHOW GRANTS"));
    const grants = (rows as Record<string, string>[]).map((row) => Object.values(row)[0] ?? "");
    const global = grants.filter((grant) => / ON \*\.\* /.test(grant));
    expect(global.map((grant) => grant.replace(/ IDENTIFIED BY .*/, ""))).toEqual([
      "GRANT CREATE USER ON *.* TO `stackyard_sandbox`@`127.0.0.1`",
    ]);
    expect(grants.filter((grant) => !/ ON \*\.\* /.test(grant))).toEqual([
      "GRANT ALL PRIVILEGES ON `sandbox_%`.* TO `stackyard_sandbox`@`127.0.0.1` WITH GRANT OPTION",
    ]);
  });
});
