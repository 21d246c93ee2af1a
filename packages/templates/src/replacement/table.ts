// Which property changes make CloudFormation replace a resource, per resource type we render: the official
// resource specification's causesReplacement, committed as JSON so runtime code needs no spec package
// (regenerate with scripts/replacement-table.ts; replacement-table.test.ts keeps the two in step).
import table from "./replacement-table.json" with { type: "json" };

/** "yes": Update requires Replacement; "maybe": Conditional; "no": no interruption or some interruption. */
export type ReplacementBehaviour = "yes" | "maybe" | "no";
export type ReplacementTable = Record<string, Record<string, ReplacementBehaviour>>;

export const REPLACEMENT_TABLE = table as ReplacementTable;

/** The property's update behaviour, or undefined when the type or property is not in the table. */
export function replacementBehaviour(
  resourceType: string,
  property: string,
  source: ReplacementTable = REPLACEMENT_TABLE,
): ReplacementBehaviour | undefined {
  return source[resourceType]?.[property];
}
