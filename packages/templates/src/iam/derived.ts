// What the policies read from the rendered template rather than from its resource types: the services the
// stack's roles are passed to, the managed policies it attaches, the service-linked roles its services
// create on first use, the ACM certificates, Route 53 zones and SSM parameters it names.
import type { CfnTemplate, Json } from "../render/cfn.js";
import { UBUNTU_AMI_SSM_PARAMETER } from "../render/instances.js";
import type { PolicyScope } from "./scope.js";

const resourcesOf = (template: CfnTemplate, type: string) =>
  Object.values(template.Resources).filter((resource) => resource.Type === type);

export const hasType = (template: CfnTemplate, type: string) => resourcesOf(template, type).length > 0;

export const resourceTypes = (template: CfnTemplate): string[] =>
  [...new Set(Object.values(template.Resources).map((resource) => resource.Type))].sort();

export function trustedServices(template: CfnTemplate): string[] {
  const services = resourcesOf(template, "AWS::IAM::Role").flatMap((role) => {
    const document = role.Properties?.AssumeRolePolicyDocument as { Statement?: { Principal?: Json }[] };
    return (document?.Statement ?? []).flatMap((statement) => {
      const service = (statement.Principal as { Service?: Json } | undefined)?.Service;
      return Array.isArray(service) ? service : [service];
    });
  });
  return [...new Set(services.filter((s): s is string => typeof s === "string"))].sort();
}

const PARTITION_VARIABLE = `\${AWS::Partition}`;

/** The renderer writes managed policy ARNs as Fn::Sub "arn:${AWS::Partition}:…"; these policies are for "aws". */
export function managedPolicyArns(template: CfnTemplate): string[] {
  const arns = resourcesOf(template, "AWS::IAM::Role").flatMap((role) => {
    const listed = (role.Properties?.ManagedPolicyArns ?? []) as Json[];
    return listed.map((entry) => {
      const text = typeof entry === "string" ? entry : (entry as { "Fn::Sub"?: Json })?.["Fn::Sub"];
      if (typeof text !== "string") throw new Error("iamPolicyFor: a managed policy ARN must be literal");
      return text.replace(PARTITION_VARIABLE, "aws");
    });
  });
  return [...new Set(arns)].sort();
}

/** The service-linked role each type's service creates on first use in an account. */
const SERVICE_LINKED_ROLES: Record<string, string> = {
  "AWS::ECS::Cluster": "ecs.amazonaws.com",
  "AWS::ECS::Service": "ecs.amazonaws.com",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "elasticloadbalancing.amazonaws.com",
  "AWS::RDS::DBInstance": "rds.amazonaws.com",
  "AWS::RDS::DBSubnetGroup": "rds.amazonaws.com",
  "AWS::RDS::DBParameterGroup": "rds.amazonaws.com",
  "AWS::ApplicationAutoScaling::ScalableTarget": "ecs.application-autoscaling.amazonaws.com",
};

export const serviceLinkedRoleServices = (template: CfnTemplate): string[] =>
  [...new Set(resourceTypes(template).flatMap((type) => SERVICE_LINKED_ROLES[type] ?? []))].sort();

export function certificateArns(template: CfnTemplate): string[] {
  const arns = resourcesOf(template, "AWS::ElasticLoadBalancingV2::Listener").flatMap((listener) =>
    ((listener.Properties?.Certificates ?? []) as { CertificateArn?: Json }[]).map((c) => c.CertificateArn),
  );
  return [...new Set(arns.filter((a): a is string => typeof a === "string"))].sort();
}

export function hostedZoneIds(template: CfnTemplate): string[] {
  const ids = resourcesOf(template, "AWS::Route53::RecordSet").map((r) => r.Properties?.HostedZoneId);
  if (!ids.every((id): id is string => typeof id === "string")) {
    throw new Error("iamPolicyFor: a Route 53 record's HostedZoneId must be a literal zone id");
  }
  return [...new Set(ids)].sort();
}

/**
 * The SSM parameters the stack resolves (SSM-typed parameters, resolved by CloudFormation at change-set
 * time) and, when it runs EC2 instances, Canonical's Ubuntu AMI parameter (read to pin the image).
 */
export function ssmParameterArns(scope: PolicyScope, template: CfnTemplate): string[] {
  const paths = Object.values(template.Parameters)
    .filter((parameter) => parameter.Type.startsWith("AWS::SSM::Parameter::Value<") && parameter.Default)
    .map((parameter) => parameter.Default ?? "");
  if (hasType(template, "AWS::EC2::Instance")) paths.push(UBUNTU_AMI_SSM_PARAMETER);
  return [...new Set(paths)]
    .map((path) => {
      // AWS's public parameters (/aws/service/…) belong to no account.
      const owner = path.startsWith("/aws/service/") ? "" : scope.accountId;
      return `arn:aws:ssm:${scope.region}:${owner}:parameter${path}`;
    })
    .sort();
}
