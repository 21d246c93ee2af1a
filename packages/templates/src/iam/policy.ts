// The least-privilege IAM policy a principal needs to launch, update and delete ONE environment through the
// portal (CloudFormation change sets on that stack, with the principal's own credentials, as the portal's
// AWS driver does), plus pushing the app image to the stack's repository (the runbook's step). Derived from
// the rendered template: a resource type the stack does not have contributes no actions.
import type { CfnTemplate } from "../render/cfn.js";
import { renderTemplate } from "../render/template.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { derivedStatements, imagePushStatements } from "./derived.js";
import { GRANTS, repositoryArn } from "./grants.js";
import { type GrantKey, RESOURCE_PERMISSIONS } from "./permissions.js";
import { arn, type PolicyCondition, type PolicyScope } from "./scope.js";

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: PolicyCondition;
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface IamPolicyOptions {
  /** Defaults to the spec's region. */
  region?: string;
  /** 12 digits; defaults to "*" (any account), which keeps every other scope. */
  accountId?: string;
  /** The CloudFormation stack name; defaults to the spec's name (what the portal uses). */
  stackName?: string;
}

/** The change sets the portal creates are named "stackyard-<client request token>". */
const PORTAL_CHANGE_SET_PREFIX = "stackyard-";

export class UnknownResourceTypeError extends Error {
  constructor(readonly resourceType: string) {
    super(`iamPolicyFor: no IAM permissions are known for ${resourceType}; add it to src/iam/permissions.ts`);
    this.name = "UnknownResourceTypeError";
  }
}

export function iamPolicyFor(spec: EnvironmentSpec, options: IamPolicyOptions = {}): IamPolicyDocument {
  const scope = resolveScope(spec, options);
  return iamPolicyForTemplate(renderTemplate(spec).template, scope);
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

export function iamPolicyForTemplate(template: CfnTemplate, scope: PolicyScope): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...portalStatements(scope),
      ...resourceStatements(template, scope),
      ...derivedStatements(scope, template),
      ...imagePushStatements(scope, template, repositoryArn(scope)),
    ],
  };
}

/** What the portal's AWS driver calls itself: identity, template validation, and this one stack. */
function portalStatements(scope: PolicyScope): PolicyStatement[] {
  return [
    {
      Sid: "ShowWhichAccountAndIdentityThePortalDeploysAs",
      Effect: "Allow",
      // AWS requires Resource "*": GetCallerIdentity has no resource and needs no permission to succeed.
      Action: ["sts:GetCallerIdentity"],
      Resource: ["*"],
    },
    {
      Sid: "ValidateTemplatesBeforeLaunch",
      Effect: "Allow",
      // AWS requires Resource "*" for ValidateTemplate: it acts on a template body, not a stack.
      Action: ["cloudformation:ValidateTemplate"],
      Resource: ["*"],
    },
    {
      Sid: "LaunchUpdateFollowAndDeleteThisStackOnly",
      Effect: "Allow",
      Action: [
        "cloudformation:CreateChangeSet",
        "cloudformation:DeleteChangeSet",
        "cloudformation:DeleteStack",
        "cloudformation:DescribeChangeSet",
        "cloudformation:DescribeStackEvents",
        "cloudformation:DescribeStackResource",
        "cloudformation:DescribeStackResources",
        "cloudformation:DescribeStacks",
        "cloudformation:ExecuteChangeSet",
        "cloudformation:GetTemplate",
        "cloudformation:ListStackResources",
        // The ImagePushCommands output points the stack at a new image with update-stack.
        "cloudformation:UpdateStack",
        "cloudformation:UpdateTerminationProtection",
      ],
      Resource: [
        arn(scope, "cloudformation", `stack/${scope.stackName}/*`),
        arn(scope, "cloudformation", `changeSet/${PORTAL_CHANGE_SET_PREFIX}*/*`),
      ],
    },
  ];
}

function resourceStatements(template: CfnTemplate, scope: PolicyScope): PolicyStatement[] {
  const actionsByGrant = new Map<GrantKey, Set<string>>();
  for (const resource of Object.values(template.Resources)) {
    const permissions = RESOURCE_PERMISSIONS[resource.Type];
    if (!permissions) throw new UnknownResourceTypeError(resource.Type);
    for (const [grant, actions] of Object.entries(permissions) as [GrantKey, readonly string[]][]) {
      const set = actionsByGrant.get(grant) ?? new Set<string>();
      for (const action of actions) set.add(action);
      actionsByGrant.set(grant, set);
    }
  }
  // GRANTS' key order, so the same template always gives the same document.
  return (Object.keys(GRANTS) as GrantKey[])
    .filter((key) => actionsByGrant.has(key))
    .map((key) => {
      const grant = GRANTS[key];
      return {
        Sid: grant.sid,
        Effect: "Allow" as const,
        Action: compactReads([...(actionsByGrant.get(key) ?? [])]),
        Resource: grant.resources(scope, template),
        Condition: grant.condition(scope),
      };
    });
}

/**
 * "ec2:Describe*" instead of a dozen Describe calls: read-only, still held to the statement's condition, and
 * it keeps the document under the 6,144-character limit of a managed policy (`aws iam create-policy`).
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

/** IAM counts a managed policy's characters without whitespace; `aws iam create-policy` refuses more. */
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
