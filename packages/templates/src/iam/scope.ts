// Where a policy statement applies: ARNs built from the target account, region and stack name, and the
// conditions that keep CloudFormation-only permissions usable only through CloudFormation.

export interface PolicyScope {
  region: string;
  /** 12 digits, or "*" when the account is not known yet (the policy then names no account). */
  accountId: string;
  stackName: string;
}

export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export const arn = (scope: PolicyScope, service: string, resource: string): string =>
  `arn:aws:${service}:${scope.region}:${scope.accountId}:${resource}`;

/** IAM and Route 53 are global: their ARNs carry no region (and Route 53's no account). */
export const iamArn = (scope: PolicyScope, resource: string): string =>
  `arn:aws:iam::${scope.accountId}:${resource}`;

/** The IAM path the renderer gives every role and instance profile (STACK_IAM_PATH in render/cfn.ts). */
export const stackIamPathOf = (scope: PolicyScope): string => `/stackyard/${scope.stackName}/`;

export const stackRolesArn = (scope: PolicyScope): string => iamArn(scope, `role${stackIamPathOf(scope)}*`);
export const stackInstanceProfilesArn = (scope: PolicyScope): string =>
  iamArn(scope, `instance-profile${stackIamPathOf(scope)}*`);

/**
 * The request came from CloudFormation acting with this principal's credentials (forward access sessions
 * carry aws:CalledVia). A principal holding this policy cannot call ec2:TerminateInstances or rds:Delete*
 * itself; it can only have CloudFormation do so while operating on the one stack the policy names.
 */
export const VIA_CLOUDFORMATION: PolicyCondition = {
  "ForAnyValue:StringEquals": { "aws:CalledVia": "cloudformation.amazonaws.com" },
};

export function viaCloudFormationIn(scope: PolicyScope): PolicyCondition {
  return { ...VIA_CLOUDFORMATION, StringEquals: { "aws:RequestedRegion": scope.region } };
}

export function inRegion(scope: PolicyScope): PolicyCondition {
  return { StringEquals: { "aws:RequestedRegion": scope.region } };
}
