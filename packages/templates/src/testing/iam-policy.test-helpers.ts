// Reading IAM policy documents the way IAM does, for tests: action and resource patterns are globs ("*"
// any run of characters, "?" one), actions match case-insensitively
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IamPolicyDocument, PolicyStatement } from "../iam/policy.js";

const glob = (pattern: string, flags = "") =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    flags,
  );

const actionMatches = (pattern: string, action: string) => glob(pattern, "i").test(action);
export const resourceMatches = (pattern: string, arn: string) => glob(pattern).test(arn);

/** The Allow statements whose Action covers `action` (conditions not evaluated). */
export const allowing = (policy: IamPolicyDocument, action: string): PolicyStatement[] =>
  policy.Statement.filter((s) => s.Effect === "Allow" && s.Action.some((p) => actionMatches(p, action)));

export const allows = (policy: IamPolicyDocument, action: string) => allowing(policy, action).length > 0;

/** Allowed on that ARN by some statement (conditions not evaluated). */
export const allowsOn = (policy: IamPolicyDocument, action: string, arn: string) =>
  allowing(policy, action).some((s) => s.Resource.some((r) => resourceMatches(r, arn)));

/** Denied on that ARN by an unconditional Deny statement. */
export const deniesOn = (policy: IamPolicyDocument, action: string, arn: string) =>
  policy.Statement.some(
    (s) =>
      s.Effect === "Deny" &&
      !s.Condition &&
      s.Action.some((p) => actionMatches(p, action)) &&
      s.Resource.some((r) => resourceMatches(r, arn)),
  );

export interface HandlerReference {
  source: string;
  commit: string;
  types: Record<string, Record<string, string[] | null> | null>;
}

/**
 * AWS's handler permissions as the project keeps them beside the clone (../shared/aws, read-only in CI),
 * read at run time so the tests judge the policy against the reference, not against the package's copy.
 * Looked for in every ancestor of this package, so a clone anywhere under the directory holding shared/
 * finds it.
 */
export function sharedHandlerReference(): { path: string; reference: HandlerReference } {
  const tried: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "shared", "aws", "cfn-handler-permissions.json");
    tried.push(candidate);
    if (existsSync(candidate))
      return { path: candidate, reference: JSON.parse(readFileSync(candidate, "utf8")) };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`AWS's handler permissions reference not found; looked for:\n  ${tried.join("\n  ")}`);
}

/** Every handler action of `types` that `policy` neither allows nor `exclusions` excludes, as "Type action". */
export function missingHandlerActions(
  policy: IamPolicyDocument,
  types: string[],
  reference: HandlerReference,
  exclusions: Record<string, Record<string, string>>,
): string[] {
  return types.flatMap((type) => {
    const actions = new Set(Object.values(reference.types[type] ?? {}).flatMap((list) => list ?? []));
    return [...actions]
      .filter((action) => !(action in (exclusions[type] ?? {})) && !allows(policy, action))
      .map((action) => `${type} ${action}`);
  });
}
