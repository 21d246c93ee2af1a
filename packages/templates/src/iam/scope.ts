// Where a policy statement applies: ARNs built from the target account, region and stack name.

export interface PolicyScope {
  region: string;
  /** 12 digits, or "*" when the account is not known yet (the policy then names no account). */
  accountId: string;
  /** One environment's stack, or "*" for the bootstrap stack's role, which deploys every environment. */
  stackName: string;
}

export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export const arn = (scope: PolicyScope, service: string, resource: string): string =>
  `arn:aws:${service}:${scope.region}:${scope.accountId}:${resource}`;

/** IAM and Route 53 are global: their ARNs carry no region (and Route 53's no account). */
export const iamArn = (scope: PolicyScope, resource: string): string =>
  `arn:aws:iam::${scope.accountId}:${resource}`;

/** The IAM path the renderer gives every role and instance profile (stackIamPath in render/cfn.ts). */
const stackIamPathOf = (scope: PolicyScope): string => `/stackyard/${scope.stackName}/`;

export const stackRolesArn = (scope: PolicyScope): string => iamArn(scope, `role${stackIamPathOf(scope)}*`);
export const stackInstanceProfilesArn = (scope: PolicyScope): string =>
  iamArn(scope, `instance-profile${stackIamPathOf(scope)}*`);

export function inRegion(scope: PolicyScope): PolicyCondition {
  return { StringEquals: { "aws:RequestedRegion": scope.region } };
}

/** StringEquals for a literal, StringLike where the account is still "*". */
export const stringMatch = (value: string): "StringEquals" | "StringLike" =>
  value.includes("*") ? "StringLike" : "StringEquals";
