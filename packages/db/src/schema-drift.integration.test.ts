// The migrations are hand-written SQL, so this test is what keeps them and schema.prisma in step:
// it migrates an empty database and compares what MariaDB reports with what the schema declares.
import { fileURLToPath } from "node:url";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "./migrate.js";
import { type ExpectedTable, readExpectedTables } from "./prisma-schema.test-helpers.js";
import { createScratchDatabase, type ScratchDatabase } from "./testing.js";

const schemaPath = fileURLToPath(new URL("../prisma/schema.prisma", import.meta.url));
let db: ScratchDatabase;
let connection: mysql.Connection;
let expected: ExpectedTable[];

beforeAll(async () => {
  db = await createScratchDatabase();
  await migrate({ databaseUrl: db.url });
  connection = await mysql.createConnection(db.url);
  expected = await readExpectedTables(schemaPath);
});
afterAll(async () => {
  await connection?.end();
  await db?.drop();
});

async function rows(sql: string, params: unknown[]): Promise<mysql.RowDataPacket[]> {
  const [result] = await connection.query<mysql.RowDataPacket[]>(sql, params);
  return result;
}

async function actualColumns(table: string) {
  const jsonChecks = await rows(
    "SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?",
    [db.name, table],
  );
  const jsonColumns = new Set(
    jsonChecks.map((r) => /json_valid\(`(\w+)`\)/.exec(String(r.clause))?.[1]).filter(Boolean),
  );
  const columns = await rows(
    "SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION",
    [db.name, table],
  );
  return columns.map((c) => ({
    name: c.name,
    type: normaliseType(c.dataType, c.columnType, jsonColumns.has(c.name)),
    nullable: c.nullable === "YES",
  }));
}

// MariaDB stores JSON as LONGTEXT with a json_valid check, and shows integer display widths.
function normaliseType(dataType: string, columnType: string, isJson: boolean): string {
  if (isJson && dataType === "longtext") return "json";
  if (dataType === "bigint" || dataType === "int") return dataType;
  return columnType.replace(/\s/g, "").replace(/,'/g, ",'");
}

async function actualIndexes(table: string) {
  const stats = await rows(
    "SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS col FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX",
    [db.name, table],
  );
  const indexes = new Map<string, { name: string; unique: boolean; columns: string[] }>();
  for (const s of stats) {
    const index = indexes.get(s.name) ?? {
      name: s.name,
      unique: Number(s.nonUnique) === 0,
      columns: [] as string[],
    };
    index.columns.push(s.col);
    indexes.set(s.name, index);
  }
  return [...indexes.values()];
}

async function actualForeignKeys(table: string) {
  const fks = await rows(
    `SELECT k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS ref, r.DELETE_RULE AS onDelete
     FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r
       ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
     WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ?`,
    [db.name, table],
  );
  return fks.map((f) => ({ name: f.name, column: f.col, referencedTable: f.ref, onDelete: f.onDelete }));
}

const byName = <T extends { name: string }>(items: T[]) =>
  [...items].sort((a, b) => a.name.localeCompare(b.name));

describe("migrated database matches schema.prisma", () => {
  it("has exactly the tables the schema declares (plus Prisma's bookkeeping)", async () => {
    const tables = await rows(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
      [db.name],
    );
    expect(tables.map((t) => t.name).sort()).toEqual(
      [...expected.map((t) => t.name), "_prisma_migrations"].sort(),
    );
  });

  it("has the declared columns, types and nullability in every table", async () => {
    for (const table of expected) {
      expect.soft(byName(await actualColumns(table.name)), table.name).toEqual(byName(table.columns));
    }
  });

  it("has the declared indexes and unique constraints in every table", async () => {
    for (const table of expected) {
      expect.soft(byName(await actualIndexes(table.name)), table.name).toEqual(byName(table.indexes));
    }
  });

  it("has the declared foreign keys with their delete rules", async () => {
    for (const table of expected) {
      expect.soft(byName(await actualForeignKeys(table.name)), table.name).toEqual(byName(table.foreignKeys));
    }
  });
});
