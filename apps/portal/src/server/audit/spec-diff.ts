// The audit entry of a launch or update carries what changed in the spec, field by field (dotted
// paths, as the wizard's errors name them). A launch is a diff from nothing.

import "server-only";
export interface SpecChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function specDiff(before: unknown, after: unknown, path = ""): SpecChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => specDiff(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (isPlainObject(after) && before === undefined) {
    return Object.keys(after)
      .sort()
      .flatMap((key) => specDiff(undefined, after[key], path ? `${path}.${key}` : key));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const change: SpecChange = { path };
  if (before !== undefined) change.before = before;
  if (after !== undefined) change.after = after;
  return [change];
}
