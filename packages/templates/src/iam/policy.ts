// The two IAM policies a Stackyard deployment needs for ONE environment, derived from its rendered template
// (a resource type the stack does not have contributes no actions):
// - "portal" (the default): the portal's own identity. CloudFormation on this stack, iam:PassRole of the
//   bootstrap stack's CloudFormation service role, and reads. It cannot create or change anything itself.
// - "cloudformation": the CloudFormation service role's policy, every action AWS publishes for the
//   handlers of the resource types the stack has (cfn-handler-permissions.json, less
//   handler-exclusions.json), scoped to this stack where AWS allows.
import type { CfnTemplate } from "../render/cfn.js";
import { renderTemplate } from "../render/template.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { portalStatements } from "./portal.js";
import type { PolicyScope } from "./scope.js";
import { serviceRoleStatements } from "./service-role.js";
import type { IamPolicyDocument } from "./statement.js";

export { UnknownResourceTypeError } from "./handlers.js";
export type { IamPolicyDocument, PolicyStatement } from "./statement.js";

export const POLICY_PRINCIPALS = ["portal", "cloudformation"] as const;
export type PolicyPrincipal = (typeof POLICY_PRINCIPALS)[number];

export interface IamPolicyOptions {
  /** Whose policy: the portal's identity (default) or the CloudFormation service role. */
  for?: PolicyPrincipal;
  /** Defaults to the spec's region. */
  region?: string;
  /** 12 digits; defaults to "*" (any account), which keeps every other scope. */
  accountId?: string;
  /** The CloudFormation stack name; defaults to the spec's name (what the portal uses). */
  stackName?: string;
}

export function iamPolicyFor(spec: EnvironmentSpec, options: IamPolicyOptions = {}): IamPolicyDocument {
  const scope = resolveScope(spec, options);
  return iamPolicyForTemplate(renderTemplate(spec).template, scope, options.for ?? "portal");
}

export function resolveScope(spec: EnvironmentSpec, options: IamPolicyOptions): PolicyScope {
  const scope = {
    region: options.region ?? spec.region,
    accountId: options.accountId ?? "*",
    stackName: options.stackName ?? spec.name,
  };
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(scope.region))
    throw new Error(`region: "${scope.region}" is not an AWS region`);
  if (!/^(\d{12}|\*)$/.test(scope.accountId)) throw new Error("accountId: an AWS account id is 12 digits");
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(scope.stackName))
    throw new Error("stackName: a letter, then letters, digits and hyphens, at most 128 characters");
  return scope;
}

export function iamPolicyForTemplate(
  template: CfnTemplate,
  scope: PolicyScope,
  principal: PolicyPrincipal = "portal",
): IamPolicyDocument {
  const Statement =
    principal === "portal" ? portalStatements(scope, template) : serviceRoleStatements(scope, template);
  return { Version: "2012-10-17", Statement };
}

/**
 * IAM counts a managed policy's characters without whitespace; `aws iam create-policy` refuses more
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const MANAGED_POLICY_MAX_CHARS = 6144;

export const policySize = (document: IamPolicyDocument): number => JSON.stringify(document).length;

/**
 * The whole document rarely fits one managed policy (a stack touches a dozen services), so this splits it,
 * statement by statement and in order, into documents that each fit; attach all of them to the principal.
 */
export function splitIntoManagedPolicies(
  document: IamPolicyDocument,
  maxChars = MANAGED_POLICY_MAX_CHARS,
): IamPolicyDocument[] {
  const parts: IamPolicyDocument[] = [];
  let current: IamPolicyDocument = { Version: "2012-10-17", Statement: [] };
  for (const statement of document.Statement) {
    const candidate = { ...current, Statement: [...current.Statement, statement] };
    if (policySize(candidate) <= maxChars) {
      current = candidate;
      continue;
    }
    if (current.Statement.length === 0)
      throw new Error(`statement ${statement.Sid} alone exceeds ${maxChars} characters`);
    parts.push(current);
    current = { Version: "2012-10-17", Statement: [statement] };
    if (policySize(current) > maxChars)
      throw new Error(`statement ${statement.Sid} alone exceeds ${maxChars} characters`);
  }
  if (current.Statement.length > 0) parts.push(current);
  return parts;
}
