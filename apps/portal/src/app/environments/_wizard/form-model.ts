// The wizard's form model: the spec exactly as typed (a JSON object that may not be valid yet), the
// steps, and which step each spec field belongs to. Pure, so it is unit-tested without a browser.
import type { SpecFieldError } from "@stackyard/templates";

export type SpecDraft = Record<string, unknown>;
export type Target = "local" | "aws";

export const STEPS = [
  { id: "basics", title: "Basics", fields: ["name", "region", "target", "version"] },
  { id: "network", title: "Network", fields: ["network"] },
  { id: "database", title: "Database", fields: ["database"] },
  { id: "application", title: "Application", fields: ["app"] },
  { id: "edge", title: "Edge & access", fields: ["edge", "bastion"] },
  { id: "review", title: "Review", fields: [] },
] as const;
export type StepId = (typeof STEPS)[number]["id"];

/** The step whose form holds a field; anything unknown (e.g. an imported typo) is shown on Basics. */
export function stepOfPath(path: string): StepId {
  const top = path.split(".")[0] ?? "";
  const step = STEPS.find((candidate) => (candidate.fields as readonly string[]).includes(top));
  return step?.id ?? "basics";
}

export function getAtPath(spec: SpecDraft, path: string): unknown {
  let value: unknown = spec;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Returns a copy of the spec with one field set; arrays stay arrays. `undefined` removes the field. */
export function setAtPath(spec: SpecDraft, path: string, value: unknown): SpecDraft {
  const [key, ...rest] = path.split(".");
  if (key === undefined) return spec;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(spec) ? [...spec] : { ...spec };
  const record = copy as Record<string, unknown>;
  if (rest.length === 0) {
    if (value === undefined && !Array.isArray(copy)) delete record[key];
    else record[key] = value;
    return copy as SpecDraft;
  }
  const child = record[key];
  const nextIsIndex = /^\d+$/.test(rest[0] ?? "");
  const base = child !== null && typeof child === "object" ? child : nextIsIndex ? [] : {};
  record[key] = setAtPath(base as SpecDraft, rest.join("."), value);
  return copy as SpecDraft;
}

/** A number input's text: a number when it reads as one, else kept as typed (the schema then says why). */
export function numberFromText(text: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

export type ErrorsByPath = ReadonlyMap<string, string[]>;

export function indexErrors(errors: readonly SpecFieldError[]): ErrorsByPath {
  const byPath = new Map<string, string[]>();
  for (const { path, message } of errors) byPath.set(path, [...(byPath.get(path) ?? []), message]);
  return byPath;
}

export function errorCountsByStep(errors: readonly SpecFieldError[]): Record<StepId, number> {
  const counts = Object.fromEntries(STEPS.map((step) => [step.id, 0])) as Record<StepId, number>;
  for (const error of errors) counts[stepOfPath(error.path)] += 1;
  return counts;
}

/** The DOM id of a field's input, so Review's links and error summaries can move focus to it. */
export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, "-")}`;
}
