// Helpers to read a template without trusting its shape: checks run on templates users may have edited.
import type { CfnResource, CfnTemplate } from "../render/cfn.js";

export type Visitor = (value: unknown, path: string[]) => void;

/** Calls `visit` for every value in `root`, depth first, with its key path. */
export function walk(root: unknown, visit: Visitor, path: string[] = []): void {
  visit(root, path);
  if (Array.isArray(root)) {
    for (const [index, item] of root.entries()) walk(item, visit, [...path, String(index)]);
  }
  if (isObject(root)) for (const [key, value] of Object.entries(root)) walk(value, visit, [...path, key]);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function resources(template: CfnTemplate): [string, CfnResource][] {
  return isObject(template.Resources) ? (Object.entries(template.Resources) as [string, CfnResource][]) : [];
}

export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return resources(template).filter(([, resource]) => resource?.Type === type);
}

export function props(resource: CfnResource | undefined): Record<string, unknown> {
  return isObject(resource?.Properties) ? resource.Properties : {};
}

/** The logical ID a value refers to with Ref or Fn::GetAtt, or null for anything else. */
export function referencedId(value: unknown): string | null {
  if (!isObject(value)) return null;
  if (typeof value.Ref === "string") return value.Ref;
  const getAtt = value["Fn::GetAtt"];
  if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return getAtt[0];
  if (typeof getAtt === "string") return getAtt.split(".")[0] ?? null;
  return null;
}

export function referencedIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map(referencedId).filter((id): id is string => id !== null) : [];
}
