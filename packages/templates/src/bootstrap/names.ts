// The names the bootstrap stack gives what it creates, in one place: the environment template imports the
// boundary by export name, the service role's policy compares the boundary's ARN, and the portal passes
// the service role's ARN on every change set (RoleARN). Like `cdk bootstrap`, one bootstrap stack per
// account and region: IAM names are global, so they carry the region.

/** The stack name `stackyard-templates bootstrap` tells you to deploy under. */
export const BOOTSTRAP_STACK_NAME = "stackyard-bootstrap";

/** Export names are per region, like the stacks that import them. */
export const BOOTSTRAP_EXPORTS = {
  serviceRoleArn: "stackyard-cloudformation-service-role-arn",
  permissionsBoundaryArn: "stackyard-permissions-boundary-arn",
} as const;

export const serviceRoleName = (region: string): string => `stackyard-cfn-exec-role-${region}`;
export const permissionsBoundaryName = (region: string): string => `stackyard-permissions-boundary-${region}`;

export interface AccountAndRegion {
  /** 12 digits, or "*" where a policy is printed before the account is known. */
  accountId: string;
  region: string;
}

/**
 * The CloudFormation service role the portal passes as RoleARN on CreateChangeSet (and DeleteStack): the
 * role is at path "/", so its ARN follows from the account and region alone.
 */
export const cloudFormationServiceRoleArn = ({ accountId, region }: AccountAndRegion): string =>
  `arn:aws:iam::${accountId}:role/${serviceRoleName(region)}`;

/** The managed policy every role of an environment carries as its permissions boundary. */
export const permissionsBoundaryArn = ({ accountId, region }: AccountAndRegion): string =>
  `arn:aws:iam::${accountId}:policy/${permissionsBoundaryName(region)}`;
