// One policy statement per grant in permissions.ts: its Sid (why it exists), where it applies, and under
// which condition. Where the Resource is "*", AWS gives no narrower handle: create calls act on resources
// that do not exist yet and whose generated names (load balancers, clusters, DB instances) are truncated or
// random, and Describe* calls have no resource-level permissions. Those statements are held to
// "through CloudFormation, in this region" instead.
import type { CfnTemplate } from "../render/cfn.js";
import type { GrantKey } from "./permissions.js";
import {
  arn,
  type PolicyCondition,
  type PolicyScope,
  stackInstanceProfilesArn,
  stackRolesArn,
  VIA_CLOUDFORMATION,
  viaCloudFormationIn,
} from "./scope.js";

export interface Grant {
  sid: string;
  resources: (scope: PolicyScope, template: CfnTemplate) => string[];
  condition: (scope: PolicyScope) => PolicyCondition;
}

const anything = () => ["*"];

export const GRANTS: Record<GrantKey, Grant> = {
  ec2: {
    sid: "VpcSubnetsGatewaysAndInstancesViaCloudFormation",
    resources: anything,
    condition: viaCloudFormationIn,
  },
  elasticloadbalancing: {
    sid: "LoadBalancerViaCloudFormation",
    resources: anything,
    condition: viaCloudFormationIn,
  },
  ecs: {
    sid: "EcsClusterServiceAndTasksViaCloudFormation",
    resources: anything,
    condition: viaCloudFormationIn,
  },
  applicationAutoscaling: {
    sid: "ServiceAutoScalingViaCloudFormation",
    resources: anything,
    condition: viaCloudFormationIn,
  },
  cloudwatchAlarms: {
    sid: "TargetTrackingAlarmsViaCloudFormation",
    // Application Auto Scaling names its target-tracking alarms "TargetTracking-service/<cluster>/<service>-…".
    resources: (scope) => [arn(scope, "cloudwatch", "alarm:TargetTracking-service/*")],
    condition: viaCloudFormationIn,
  },
  rds: {
    sid: "DatabaseAndSubnetGroupViaCloudFormation",
    resources: anything,
    condition: viaCloudFormationIn,
  },
  rdsManagedSecret: {
    sid: "RdsManagedMasterPasswordSecret",
    // RDS names the secrets it manages "rds!db-<uuid>".
    resources: (scope) => [arn(scope, "secretsmanager", "secret:rds!db-*")],
    condition: viaCloudFormationIn,
  },
  iamRoles: {
    sid: "ThisStacksRolesAndInstanceProfilesOnly",
    resources: (scope) => [stackRolesArn(scope), stackInstanceProfilesArn(scope)],
    // IAM is global: aws:RequestedRegion would be us-east-1 whatever the stack's region.
    condition: () => VIA_CLOUDFORMATION,
  },
  logs: {
    sid: "ThisStacksLogGroupsOnly",
    // Unnamed log groups get "<stack name>-<logical id>-<suffix>" (log group names are not truncated).
    resources: (scope) => [arn(scope, "logs", `log-group:${scope.stackName}-*`)],
    condition: viaCloudFormationIn,
  },
  logsDescribe: {
    sid: "ListLogGroupsViaCloudFormation",
    // DescribeLogGroups is authorised against every log group of the account and region.
    resources: (scope) => [arn(scope, "logs", "log-group:*")],
    condition: viaCloudFormationIn,
  },
  ecr: {
    sid: "ThisStacksImageRepositoryViaCloudFormation",
    resources: (scope) => [repositoryArn(scope)],
    condition: viaCloudFormationIn,
  },
  route53: {
    sid: "AppDnsRecordInTheGivenHostedZone",
    resources: (_scope, template) =>
      hostedZoneIds(template).map((id) => `arn:aws:route53:::hostedzone/${id}`),
    condition: () => VIA_CLOUDFORMATION,
  },
  route53Changes: {
    sid: "WaitForDnsChangesToPropagate",
    resources: () => ["arn:aws:route53:::change/*"],
    condition: () => VIA_CLOUDFORMATION,
  },
};

/**
 * CloudFormation names an unnamed repository "<stack name>-<logical id>-<suffix>" in lower case (ECR only
 * allows lower case), so the stack's repository is the only one this prefix matches unless another stack's
 * name starts with this stack's name and a hyphen.
 */
export function repositoryArn(scope: PolicyScope): string {
  return arn(scope, "ecr", `repository/${scope.stackName.toLowerCase()}-*`);
}

function hostedZoneIds(template: CfnTemplate): string[] {
  const ids = Object.values(template.Resources)
    .filter((resource) => resource.Type === "AWS::Route53::RecordSet")
    .map((resource) => resource.Properties?.HostedZoneId);
  if (!ids.every((id): id is string => typeof id === "string")) {
    throw new Error("iamPolicyFor: a Route 53 record's HostedZoneId must be a literal zone id");
  }
  return [...new Set(ids)].sort();
}
