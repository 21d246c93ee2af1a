// Helpers to read a template without trusting its shape: checks run on templates users may have edited.
import type { CfnResource, CfnTemplate } from "../render/cfn.js";

/** `path` is reused while walking: copy it if it must outlive the call. */
export type Visitor = (value: unknown, path: readonly string[]) => void;

/** Calls `visit` for every value in `root`, depth first, with its key path. */
export function walk(root: unknown, visit: Visitor): void {
  const path: string[] = [];
  const step = (value: unknown) => {
    visit(value, path);
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        path.push(String(index));
        step(value[index]);
        path.pop();
      }
    } else if (isObject(value)) {
      for (const key in value) {
        path.push(key);
        step(value[key]);
        path.pop();
      }
    }
  };
  step(root);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Checks ask for resources by type many times per template: list them once per template object.
const resourceLists = new WeakMap<object, [string, CfnResource][]>();

export function resources(template: CfnTemplate): [string, CfnResource][] {
  if (!isObject(template.Resources)) return [];
  let list = resourceLists.get(template.Resources);
  if (!list) {
    list = Object.entries(template.Resources) as [string, CfnResource][];
    resourceLists.set(template.Resources, list);
  }
  return list;
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
