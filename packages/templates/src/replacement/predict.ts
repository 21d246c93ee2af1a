// Offline prediction of what a CloudFormation update replaces: for every resource the update adds,
// removes or modifies, which properties change and whether AWS would replace it, from the resource
// specification's update behaviours (table.ts). Values compare as rendered JSON (Ref, Fn::If and friends
// included); a value that points at a resource being replaced changes only once AWS has created the new
// one, so it cannot be compared offline and counts as "Conditional", as CloudFormation's change sets say.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html
import type { CfnResource, CfnTemplate } from "../render/cfn.js";
import { REPLACEMENT_TABLE, type ReplacementTable, replacementBehaviour } from "./table.js";

export type PredictedReplacement = "True" | "False" | "Conditional";

export interface ReplacementPrediction {
  predictedReplacement: PredictedReplacement;
  /** Properties whose change replaces (or may replace) the resource; "Type" when the type itself changed. */
  replacementCauses: string[];
  /** Every property that changes, replacing or not. */
  changedProperties: string[];
}

export interface PredictedChange extends ReplacementPrediction {
  action: "Add" | "Modify" | "Remove";
  logicalResourceId: string;
  resourceType: string;
  /** Resources being replaced whose new identity this one picks up (e.g. an EIP moving to a new instance). */
  referencesReplaced: string[];
}

type Resources = Record<string, CfnResource>;

/** Parameter values (the templates' Defaults unless given) and conditions, to fold into compared values. */
interface Context {
  parameters: Record<string, unknown>;
  conditions: Record<string, unknown>;
}

const NO_CHANGE: ReplacementPrediction = {
  predictedReplacement: "False",
  replacementCauses: [],
  changedProperties: [],
};

/** What an update from `before` to `after` does to each resource, in the order of `after` then removals. */
export function predictTemplateChanges(
  before: CfnTemplate,
  after: CfnTemplate,
  options: {
    table?: ReplacementTable;
    parametersBefore?: Record<string, string>;
    parametersAfter?: Record<string, string>;
  } = {},
): PredictedChange[] {
  const table = options.table ?? REPLACEMENT_TABLE;
  const old = resolved(before, options.parametersBefore);
  const next = resolved(after, options.parametersAfter);
  // Replacement spreads through references: iterate until no resource joins the replaced set.
  const replaced = new Set<string>();
  let predictions = new Map<string, PredictedChange>();
  for (let round = 0; round <= Object.keys(next).length; round += 1) {
    predictions = new Map();
    for (const [id, resource] of Object.entries(next)) {
      const previous = old[id];
      if (!previous) {
        predictions.set(id, {
          action: "Add",
          logicalResourceId: id,
          resourceType: resource.Type,
          ...NO_CHANGE,
          referencesReplaced: [],
        });
        continue;
      }
      const prediction = predictResource(previous, resource, replaced, table);
      if (prediction)
        predictions.set(id, {
          action: "Modify",
          logicalResourceId: id,
          resourceType: resource.Type,
          ...prediction,
        });
    }
    const grown = [...predictions.values()].filter(
      (p) => p.predictedReplacement !== "False" && !replaced.has(p.logicalResourceId),
    );
    if (grown.length === 0) break;
    for (const p of grown) replaced.add(p.logicalResourceId);
  }
  const removals = Object.entries(old)
    .filter(([id]) => !(id in next))
    .map(
      ([id, r]): PredictedChange => ({
        action: "Remove",
        logicalResourceId: id,
        resourceType: r.Type,
        ...NO_CHANGE,
        referencesReplaced: [],
      }),
    );
  return [...predictions.values(), ...removals];
}

/** One resource's prediction, or null when nothing about it changes (statically or through a reference). */
function predictResource(
  before: CfnResource,
  after: CfnResource,
  replaced: ReadonlySet<string> = new Set(),
  table: ReplacementTable = REPLACEMENT_TABLE,
): (ReplacementPrediction & { referencesReplaced: string[] }) | null {
  if (before.Type !== after.Type) {
    return {
      predictedReplacement: "True",
      replacementCauses: ["Type"],
      changedProperties: ["Type"],
      referencesReplaced: [],
    };
  }
  const oldProps = before.Properties ?? {};
  const newProps = after.Properties ?? {};
  const names = [...new Set([...Object.keys(oldProps), ...Object.keys(newProps)])].sort();
  const changedProperties: string[] = [];
  const certain: string[] = [];
  const possible: string[] = [];
  const referencesReplaced = new Set<string>();
  for (const name of names) {
    const staticChange = canonical(oldProps[name]) !== canonical(newProps[name]);
    const pointsAtReplaced = [...referencedIds(newProps[name])].filter((id) => replaced.has(id));
    if (!staticChange && pointsAtReplaced.length === 0) continue;
    changedProperties.push(name);
    for (const id of pointsAtReplaced) referencesReplaced.add(id);
    const behaviour = replacementBehaviour(after.Type, name, table);
    if (behaviour === "no") continue;
    // Unknown properties and values only known once AWS has acted cannot be decided offline.
    if (behaviour === "yes" && staticChange) certain.push(name);
    else possible.push(name);
  }
  const otherwiseChanged =
    canonical({ ...before, Properties: undefined }) !== canonical({ ...after, Properties: undefined });
  if (changedProperties.length === 0 && !otherwiseChanged) return null;
  return {
    predictedReplacement: certain.length > 0 ? "True" : possible.length > 0 ? "Conditional" : "False",
    replacementCauses: [...certain, ...possible],
    changedProperties,
    referencesReplaced: [...referencesReplaced].sort(),
  };
}

/**
 * The template's resources with each parameter reference and condition replaced by what it stands for, so
 * that a changed parameter value (e.g. AppImage) or condition outcome is a changed property.
 */
function resolved(template: CfnTemplate, given: Record<string, string> = {}): Resources {
  const parameters: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    parameters[name] = given[name] ?? (parameter as { Default?: unknown }).Default ?? null;
  }
  const context: Context = { parameters, conditions: (template.Conditions ?? {}) as Record<string, unknown> };
  return Object.fromEntries(
    Object.entries(template.Resources).map(([id, resource]) => [
      id,
      fold(resource, context, 0) as CfnResource,
    ]),
  );
}

function fold(value: unknown, context: Context, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => fold(item, context, depth));
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (
    entries.length === 1 &&
    key === "Ref" &&
    typeof argument === "string" &&
    argument in context.parameters
  ) {
    return { Ref: argument, "Stackyard::Value": context.parameters[argument] };
  }
  const condition =
    entries.length === 1 && key === "Fn::If" && Array.isArray(argument)
      ? argument[0]
      : key === "Condition" && entries.length === 1
        ? argument
        : undefined;
  if (typeof condition === "string" && depth < 10) {
    const outcome = canonical(fold(context.conditions[condition], context, depth + 1));
    const folded = fold(argument, context, depth);
    return { [key as string]: folded, "Stackyard::Condition": outcome };
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, fold(v, context, depth)]));
}

/** JSON with sorted keys: the same value always gives the same text, whatever its key order. */
export function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? "undefined"
  );
}

/** Logical IDs a value names through Ref, Fn::GetAtt or Fn::Sub (pseudo parameters excluded). */
export function referencedIds(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, found);
  } else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "Ref" && typeof child === "string" && !child.startsWith("AWS::")) found.add(child);
      else if (key === "Fn::GetAtt") {
        const target = Array.isArray(child)
          ? child[0]
          : typeof child === "string"
            ? child.split(".")[0]
            : undefined;
        if (typeof target === "string") found.add(target);
        else referencedIds(child, found);
      } else if (key === "Fn::Sub") {
        const [text, variables] = Array.isArray(child) ? child : [child, undefined];
        if (typeof text === "string") {
          for (const match of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) {
            const name = match[1] ?? "";
            if (!name.startsWith("AWS::") && !(variables && name in variables)) found.add(name);
          }
        }
        referencedIds(variables, found);
      } else referencedIds(child, found);
    }
  }
  return found;
}
