// An IAM policy document and its statements, and the one rule every statement list shares (compacted
// reads). Apart from policy.ts, which assembles the portal's and the service role's statements from the
// modules that build them, so those modules can use these without importing their assembler.
import type { PolicyCondition } from "./scope.js";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
  Condition?: PolicyCondition;
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/**
 * "ec2:Describe*" instead of a dozen Describe calls: read-only, still held to the statement's condition, and
 * it keeps the document within the managed-policy size limit.
 */
export function compactReads(actions: string[]): string[] {
  const describes = new Map<string, number>();
  for (const action of actions) {
    const service = action.match(/^([a-z0-9-]+):Describe/)?.[1];
    if (service) describes.set(service, (describes.get(service) ?? 0) + 1);
  }
  const compacted = actions.map((action) => {
    const service = action.match(/^([a-z0-9-]+):Describe/)?.[1];
    return service && (describes.get(service) ?? 0) > 1 ? `${service}:Describe*` : action;
  });
  return [...new Set(compacted)].sort();
}
