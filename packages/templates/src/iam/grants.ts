// Where each action of the CloudFormation service role's policy applies. An action takes the first rule
// that matches it; the rest fall to one statement per service. Resource "*" is left only where AWS gives no
// narrower handle: create calls act on resources that do not exist yet and whose generated names (load
// balancers, clusters, DB instances) are truncated or random, and Describe/List calls have no
// resource-level permissions. Those statements are held to the stack's region instead. IAM changes are
// held to this stack's role path AND to the bootstrap stack's permissions boundary
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
import { permissionsBoundaryArn } from "../bootstrap/names.js";
import type { CfnTemplate } from "../render/cfn.js";
import {
  hasType,
  hostedZoneIds,
  managedPolicyArns,
  serviceLinkedRoleServices,
  trustedServices,
} from "./derived.js";
import {
  arn,
  iamArn,
  inRegion,
  type PolicyCondition,
  type PolicyScope,
  stackInstanceProfilesArn,
  stackRolesArn,
  stringMatch,
} from "./scope.js";

export interface ScopeRule {
  sid: string;
  matches: (action: string) => boolean;
  resources: (scope: PolicyScope, template: CfnTemplate) => string[];
  condition?: (scope: PolicyScope, template: CfnTemplate) => PolicyCondition | undefined;
}

const oneOf =
  (...actions: string[]) =>
  (action: string) =>
    actions.includes(action);
const service = (action: string) => action.split(":")[0] ?? "";

/** Calls that name no resource (or only "*") in the Service Authorization Reference. */
const RESOURCELESS = new Set([
  "iam:ListRoles",
  "iam:ListInstanceProfiles",
  "logs:DescribeLogGroups",
  "logs:DescribeResourcePolicies",
  "logs:DescribeIndexPolicies",
  "cloudwatch:DescribeAlarms",
  "cloudwatch:GetMetricData",
  "secretsmanager:GetRandomPassword",
  "secretsmanager:ListSecrets",
  "kms:CreateKey",
  "kms:ListKeys",
  "ecr:DescribeRepositories",
]);

/** Held to the boundary: IAM evaluates iam:PermissionsBoundary on these role calls (see the page above). */
export const BOUNDARY_GUARDED_ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
];

function boundaryCondition(scope: PolicyScope): PolicyCondition {
  const boundary = permissionsBoundaryArn(scope);
  return { [stringMatch(boundary)]: { "iam:PermissionsBoundary": boundary } };
}

export const SERVICE_ROLE_RULES: ScopeRule[] = [
  {
    sid: "PassThisStacksRolesOnlyToTheServicesTheyTrust",
    matches: oneOf("iam:PassRole"),
    resources: (scope) => [stackRolesArn(scope)],
    condition: (_scope, template) => ({ StringEquals: { "iam:PassedToService": trustedServices(template) } }),
  },
  {
    sid: "CreateServiceLinkedRolesOnFirstUseInTheAccount",
    matches: oneOf("iam:CreateServiceLinkedRole"),
    resources: (scope) => [iamArn(scope, "role/aws-service-role/*")],
    condition: (_scope, template) => ({
      StringEquals: { "iam:AWSServiceName": serviceLinkedRoleServices(template) },
    }),
  },
  {
    sid: "CreateAndChangeRolesOnlyWithTheStackyardBoundary",
    matches: oneOf(
      "iam:CreateRole",
      "iam:PutRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:PutRolePermissionsBoundary",
    ),
    resources: (scope) => [stackRolesArn(scope)],
    condition: boundaryCondition,
  },
  {
    sid: "AttachOnlyTheManagedPoliciesTheTemplateNamesToBoundedRoles",
    matches: oneOf("iam:AttachRolePolicy", "iam:DetachRolePolicy"),
    resources: (scope) => [stackRolesArn(scope)],
    condition: (scope, template) => {
      const managed = managedPolicyArns(template);
      // Without a managed policy in the template, the boundary alone caps what an attachment could add.
      return managed.length > 0
        ? { ...boundaryCondition(scope), ArnEquals: { "iam:PolicyARN": managed } }
        : boundaryCondition(scope);
    },
  },
  {
    sid: "ListRolesAndInstanceProfiles",
    matches: (action) => service(action) === "iam" && RESOURCELESS.has(action),
    resources: () => ["*"],
  },
  {
    sid: "ThisStacksRolesAndInstanceProfilesOnly",
    matches: (action) => service(action) === "iam",
    resources: (scope) => [stackRolesArn(scope), stackInstanceProfilesArn(scope)],
  },
  {
    sid: "ThisStacksLogGroupsOnly",
    // Unnamed log groups get "<stack name>-<logical id>-<suffix>" (log group names are not truncated).
    matches: (action) => service(action) === "logs" && !RESOURCELESS.has(action),
    resources: (scope) => [arn(scope, "logs", `log-group:${scope.stackName}-*`)],
    condition: inRegion,
  },
  {
    sid: "ThisStacksImageRepositoryOnly",
    matches: (action) => service(action) === "ecr" && !RESOURCELESS.has(action),
    resources: (scope) => [repositoryArn(scope)],
    condition: inRegion,
  },
  {
    sid: "RdsManagedMasterPasswordSecret",
    matches: (action) => service(action) === "secretsmanager" && !RESOURCELESS.has(action),
    // RDS names the secrets it manages "rds!db-<uuid>"; a template secret gets a generated name.
    resources: (scope, template) => [
      arn(scope, "secretsmanager", "secret:rds!db-*"),
      ...(hasType(template, "AWS::SecretsManager::Secret") ? [arn(scope, "secretsmanager", "secret:*")] : []),
    ],
    condition: inRegion,
  },
  {
    sid: "TargetTrackingAlarms",
    // Application Auto Scaling names its target-tracking alarms "TargetTracking-service/<cluster>/<service>-…".
    matches: oneOf("cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms"),
    resources: (scope) => [arn(scope, "cloudwatch", "alarm:TargetTracking-*")],
    condition: inRegion,
  },
  {
    sid: "KeysOfThisRegionForEncryptedStorage",
    // The database, its managed secret and the repository use AWS-managed keys (aws/rds, aws/secretsmanager);
    // RDS creates its grant on them with this role's credentials.
    matches: (action) => service(action) === "kms" && !RESOURCELESS.has(action),
    resources: (scope) => [arn(scope, "kms", "key/*")],
    condition: inRegion,
  },
  {
    sid: "AppDnsRecordInTheGivenHostedZone",
    matches: oneOf(
      "route53:ChangeResourceRecordSets",
      "route53:ListResourceRecordSets",
      "route53:GetHostedZone",
    ),
    resources: (scope, template) =>
      scope.stackName === "*"
        ? ["arn:aws:route53:::hostedzone/*"]
        : hostedZoneIds(template).map((id) => `arn:aws:route53:::hostedzone/${id}`),
  },
  {
    sid: "WaitForDnsChangesToPropagate",
    matches: oneOf("route53:GetChange"),
    resources: () => ["arn:aws:route53:::change/*"],
  },
];

/** IAM and Route 53 are global: aws:RequestedRegion would be us-east-1 whatever the stack's region. */
export const GLOBAL_SERVICES = new Set(["iam", "route53", "sts"]);

/**
 * CloudFormation names an unnamed repository "<stack name>-<logical id>-<suffix>" in lower case (ECR only
 * allows lower case), so the stack's repository is the only one this prefix matches unless another stack's
 * name starts with this stack's name and a hyphen.
 */
export function repositoryArn(scope: PolicyScope): string {
  return arn(scope, "ecr", `repository/${scope.stackName.toLowerCase()}-*`);
}
