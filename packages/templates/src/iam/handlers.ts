// The IAM actions CloudFormation's resource handlers call, per resource type, as AWS publishes them in the
// registry resource schemas (handlers.<op>.permissions). cfn-handler-permissions.json is a verbatim copy of
// ../shared/aws/cfn-handler-permissions.json (its "source" and "commit" fields say where AWS's lists were
// read); handlers.test.ts fails when the two differ, so a refreshed reference cannot be missed. It is
// copied, not read from ../shared at run time, because this package runs in the browser and as a built CLI
// where ../shared does not exist.
//
// handler-exclusions.json holds the handler actions a Stackyard environment never needs, each with the
// reason; everything else a rendered type's handlers list is granted to the CloudFormation service role.

import reference from "./cfn-handler-permissions.json" with { type: "json" };
import exclusions from "./handler-exclusions.json" with { type: "json" };
import { SUPPLEMENTAL_ACTIONS } from "./permissions.js";

const HANDLER_OPERATIONS = ["create", "read", "update", "delete", "list"] as const;
type Operation = (typeof HANDLER_OPERATIONS)[number];
type HandlerLists = Record<Operation, string[] | null> | null;

export const HANDLER_REFERENCE = reference as {
  source: string;
  commit: string;
  types: Record<string, HandlerLists>;
};
export const HANDLER_EXCLUSIONS = exclusions as Record<string, Record<string, string>>;

export class UnknownResourceTypeError extends Error {
  constructor(readonly resourceType: string) {
    super(
      `iamPolicyFor: no IAM permissions are known for ${resourceType}: add it to src/iam/cfn-handler-permissions.json ` +
        "(from AWS's registry schema) or, if AWS publishes no handler list, to src/iam/permissions.ts",
    );
    this.name = "UnknownResourceTypeError";
  }
}

/** Every action any handler of `type` lists (create, read, update, delete, list), sorted; null if unknown. */
export function handlerActionsOf(type: string, types = HANDLER_REFERENCE.types): string[] | null {
  const lists = types[type];
  if (!lists) return null;
  return [...new Set(HANDLER_OPERATIONS.flatMap((op) => lists[op] ?? []))].sort();
}

/** What the service role must allow for `type`: handler actions minus exclusions, plus supplements. */
export function requiredActionsOf(type: string): string[] {
  const handlers = handlerActionsOf(type);
  const supplements = SUPPLEMENTAL_ACTIONS[type];
  if (!handlers && !supplements) throw new UnknownResourceTypeError(type);
  const excluded = HANDLER_EXCLUSIONS[type] ?? {};
  const needed = (handlers ?? []).filter((action) => !(action in excluded));
  return [...new Set([...needed, ...(supplements ?? [])])].sort();
}
