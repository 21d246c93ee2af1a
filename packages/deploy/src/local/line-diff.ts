// A line diff (longest common subsequence) of two small texts, as drift's property differences: an edited
// line is NOT_EQUAL, an inserted one ADD, a deleted one REMOVE. nginx.conf is about a hundred lines, so
// the quadratic table is a few thousand cells.
import type { PropertyDifference } from "../observe/drift.js";

type Op = { kind: "same" | "add" | "remove"; line: string; expectedLine: number };

function lcsTable(a: string[], b: string[]): number[][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] as number[];
      const below = table[i + 1] as number[];
      row[j] =
        a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  return table;
}

function operations(a: string[], b: string[]): Op[] {
  const table = lcsTable(a, b);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  const at = (x: number, y: number) => (table[x] as number[])[y] as number;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: "same", line: a[i] as string, expectedLine: i + 1 });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || at(i, j + 1) >= at(i + 1, j))) {
      ops.push({ kind: "add", line: b[j] as string, expectedLine: i + 1 });
      j++;
    } else {
      ops.push({ kind: "remove", line: a[i] as string, expectedLine: i + 1 });
      i++;
    }
  }
  return ops;
}

/**
 * The differences between the expected and the actual text, by line of the expected text. A run of
 * removed lines followed by added ones pairs up as NOT_EQUAL (an edited line), the rest stay ADD/REMOVE.
 */
export function lineDifferences(expected: string, actual: string, path: string): PropertyDifference[] {
  const ops = operations(expected.split("\n"), actual.split("\n"));
  const differences: PropertyDifference[] = [];
  let removed: Op[] = [];
  let added: Op[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const r = removed[k];
      const a = added[k];
      const line = r?.expectedLine ?? a?.expectedLine ?? 0;
      const differenceType = k < paired ? "NOT_EQUAL" : r ? "REMOVE" : "ADD";
      differences.push({
        propertyPath: `${path}/line ${line}`,
        expected: r?.line ?? "",
        actual: a?.line ?? "",
        differenceType,
      });
    }
    removed = [];
    added = [];
  };
  for (const op of ops) {
    if (op.kind === "same") flush();
    else if (op.kind === "remove") removed.push(op);
    else added.push(op);
  }
  flush();
  return differences;
}
