// A deliberately small reader of schema.prisma: enough to state, per table, the columns, types,
// nullability, indexes and foreign keys Prisma would create in MySQL. It throws on anything it
// does not understand, so a new construct in the schema cannot slip past the drift test unread.
import { readFile } from "node:fs/promises";

interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
}
interface ExpectedIndex {
  name: string;
  unique: boolean;
  columns: string[];
}
interface ExpectedForeignKey {
  name: string;
  column: string;
  referencedTable: string;
  onDelete: string;
}
export interface ExpectedTable {
  name: string;
  columns: ExpectedColumn[];
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Json", "Decimal", "Float"]);

export async function readExpectedTables(schemaPath: string): Promise<ExpectedTable[]> {
  const source = (await readFile(schemaPath, "utf8")).replace(/\/\/.*$/gm, "");
  const enums = new Map<string, string[]>();
  for (const [, name, body] of source.matchAll(/enum\s+(\w+)\s*\{([^}]*)\}/g)) {
    enums.set(name as string, (body as string).split(/\s+/).filter(Boolean));
  }
  const models = [...source.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)].map(([, name, body]) => ({
    name: name as string,
    lines: (body as string)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean),
  }));
  const tableOf = new Map(models.map((m) => [m.name, mappedName(m.lines) ?? m.name]));
  return models.map((model) => toTable(model.lines, tableOf.get(model.name) as string, enums, tableOf));
}

function mappedName(lines: string[]): string | undefined {
  return lines.map((l) => /^@@map\("(\w+)"\)/.exec(l)?.[1]).find(Boolean);
}

function toTable(
  lines: string[],
  table: string,
  enums: Map<string, string[]>,
  tableOf: Map<string, string>,
): ExpectedTable {
  const result: ExpectedTable = { name: table, columns: [], indexes: [], foreignKeys: [] };
  for (const line of lines) {
    if (line.startsWith("@@")) {
      addBlockAttribute(line, result);
      continue;
    }
    const match = /^(\w+)\s+(\w+)(\?|\[\])?\s*(.*)$/.exec(line);
    if (!match) throw new Error(`cannot read field line: ${line}`);
    const [, field, type, modifier, attributes] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
      string,
    ];
    if (tableOf.has(type)) {
      addRelation(type, attributes, table, tableOf, result);
      continue;
    }
    result.columns.push({
      name: field,
      type: columnType(type, attributes, enums),
      nullable: modifier === "?",
    });
    if (/@id\b/.test(attributes)) result.indexes.push({ name: "PRIMARY", unique: true, columns: [field] });
    if (/@unique\b/.test(attributes))
      result.indexes.push({ name: `${table}_${field}_key`, unique: true, columns: [field] });
  }
  return result;
}

function addBlockAttribute(line: string, table: ExpectedTable): void {
  const match = /^@@(unique|index|map)\((?:\[([^\]]*)\]|"\w+")\)$/.exec(line);
  if (!match) throw new Error(`cannot read block attribute: ${line}`);
  const [, kind, list] = match;
  if (kind === "map") return;
  const columns = (list ?? "").split(",").map((c) => c.trim());
  const suffix = kind === "unique" ? "key" : "idx";
  table.indexes.push({
    name: `${table.name}_${columns.join("_")}_${suffix}`,
    unique: kind === "unique",
    columns,
  });
}

function addRelation(
  type: string,
  attributes: string,
  table: string,
  tableOf: Map<string, string>,
  result: ExpectedTable,
): void {
  const relation = /@relation\(fields:\s*\[(\w+)\],\s*references:\s*\[\w+\](?:,\s*onDelete:\s*(\w+))?\)/.exec(
    attributes,
  );
  if (!relation) return; // the other side of a relation: no column
  const [, column, onDelete] = relation as unknown as [string, string, string | undefined];
  const referencedTable = tableOf.get(type) as string;
  result.foreignKeys.push({
    name: `${table}_${column}_fkey`,
    column,
    referencedTable,
    onDelete: referentialAction(onDelete),
  });
}

function referentialAction(action: string | undefined): string {
  const actions: Record<string, string> = {
    Cascade: "CASCADE",
    Restrict: "RESTRICT",
    SetNull: "SET NULL",
    NoAction: "NO ACTION",
  };
  if (!action) return "RESTRICT";
  const sql = actions[action];
  if (!sql) throw new Error(`unknown onDelete action ${action}`);
  return sql;
}

function columnType(type: string, attributes: string, enums: Map<string, string[]>): string {
  const values = enums.get(type);
  if (values) return `enum(${values.map((v) => `'${v}'`).join(",")})`;
  if (!SCALARS.has(type)) throw new Error(`unknown field type ${type}`);
  const native = /@db\.(\w+)(?:\(([^)]*)\))?/.exec(attributes);
  if (native) return `${native[1]?.toLowerCase()}${native[2] ? `(${native[2].replace(/\s/g, "")})` : ""}`;
  const defaults: Record<string, string> = {
    String: "varchar(191)",
    Int: "int",
    BigInt: "bigint",
    Boolean: "tinyint(1)",
    DateTime: "datetime(3)",
    Json: "json",
    Decimal: "decimal(65,30)",
    Float: "double",
  };
  return defaults[type] as string;
}
