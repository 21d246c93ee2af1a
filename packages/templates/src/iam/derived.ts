// Statements whose scope is read from the rendered template's properties rather than its resource types:
// the services the stack's roles are passed to, the managed policies it attaches, the service-linked roles
// its services create on first use, the ACM certificate and the SSM parameter it reads.
//
// No KMS statement: the template only uses AWS-managed keys (aws/rds for storage, aws/ebs for root volumes,
// aws/secretsmanager for the RDS-managed secret), whose key policies already let any principal of the
// account use them through that service. A customer-managed key would need kms:* here.
import type { CfnTemplate, Json } from "../render/cfn.js";
import type { PolicyStatement } from "./policy.js";
import { iamArn, inRegion, type PolicyScope, stackRolesArn, VIA_CLOUDFORMATION } from "./scope.js";

const resourcesOf = (template: CfnTemplate, type: string) =>
  Object.values(template.Resources).filter((resource) => resource.Type === type);

const hasType = (template: CfnTemplate, type: string) => resourcesOf(template, type).length > 0;

function trustedServices(template: CfnTemplate): string[] {
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

/** The renderer writes managed policy ARNs as Fn::Sub "arn:${AWS::Partition}:…"; this policy is for "aws". */
function managedPolicyArns(template: CfnTemplate): string[] {
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

const SERVICE_LINKED_ROLES: Record<string, string> = {
  "AWS::ECS::Cluster": "ecs.amazonaws.com",
  "AWS::ECS::Service": "ecs.amazonaws.com",
  "AWS::ElasticLoadBalancingV2::LoadBalancer": "elasticloadbalancing.amazonaws.com",
  "AWS::RDS::DBInstance": "rds.amazonaws.com",
  "AWS::ApplicationAutoScaling::ScalableTarget": "ecs.application-autoscaling.amazonaws.com",
};

function certificateArns(template: CfnTemplate): string[] {
  const arns = resourcesOf(template, "AWS::ElasticLoadBalancingV2::Listener").flatMap((listener) =>
    ((listener.Properties?.Certificates ?? []) as { CertificateArn?: Json }[]).map((c) => c.CertificateArn),
  );
  return [...new Set(arns.filter((a): a is string => typeof a === "string"))].sort();
}

/** SSM parameter types make CloudFormation read the parameter with the caller's credentials. */
function ssmParameterArns(scope: PolicyScope, template: CfnTemplate): string[] {
  return Object.values(template.Parameters)
    .filter((parameter) => parameter.Type.startsWith("AWS::SSM::Parameter::Value<") && parameter.Default)
    .map((parameter) => {
      const path = parameter.Default ?? "";
      // AWS's public parameters (/aws/service/…) belong to no account.
      const owner = path.startsWith("/aws/service/") ? "" : scope.accountId;
      return `arn:aws:ssm:${scope.region}:${owner}:parameter${path}`;
    })
    .sort();
}

export function derivedStatements(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const passedTo = trustedServices(template);
  if (passedTo.length > 0) {
    statements.push({
      Sid: "PassThisStacksRolesOnlyToTheServicesTheyTrust",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [stackRolesArn(scope)],
      Condition: { ...VIA_CLOUDFORMATION, StringEquals: { "iam:PassedToService": passedTo } },
    });
  }
  const managed = managedPolicyArns(template);
  if (managed.length > 0) {
    statements.push({
      Sid: "AttachOnlyTheManagedPoliciesTheTemplateNames",
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      Resource: [stackRolesArn(scope)],
      Condition: { ...VIA_CLOUDFORMATION, ArnEquals: { "iam:PolicyARN": managed } },
    });
  }
  const linked = [
    ...new Set(Object.values(template.Resources).flatMap((r) => SERVICE_LINKED_ROLES[r.Type] ?? [])),
  ].sort();
  if (linked.length > 0) {
    statements.push({
      Sid: "CreateServiceLinkedRolesOnFirstUseInTheAccount",
      Effect: "Allow",
      Action: ["iam:CreateServiceLinkedRole"],
      Resource: [iamArn(scope, "role/aws-service-role/*")],
      Condition: { StringEquals: { "iam:AWSServiceName": linked } },
    });
  }
  const certificates = certificateArns(template);
  if (certificates.length > 0) {
    statements.push({
      Sid: "ReadTheListenersAcmCertificate",
      Effect: "Allow",
      Action: ["acm:DescribeCertificate"],
      Resource: certificates,
      Condition: inRegion(scope),
    });
  }
  const parameters = ssmParameterArns(scope, template);
  if (parameters.length > 0) {
    statements.push({
      Sid: "ResolveTheTemplatesSsmParameters",
      Effect: "Allow",
      Action: ["ssm:GetParameters"],
      Resource: parameters,
    });
  }
  return statements;
}

/** What `docker push` to the stack's repository needs (the runbook's push step, not CloudFormation). */
export function imagePushStatements(scope: PolicyScope, template: CfnTemplate, repository: string) {
  if (!hasType(template, "AWS::ECR::Repository")) return [];
  const statements: PolicyStatement[] = [
    {
      Sid: "EcrLoginTokenForDockerPush",
      Effect: "Allow",
      // AWS requires Resource "*" for GetAuthorizationToken; the token alone grants nothing.
      Action: ["ecr:GetAuthorizationToken"],
      Resource: ["*"],
      Condition: inRegion(scope),
    },
    {
      Sid: "PushAppImagesToThisStacksRepository",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:CompleteLayerUpload",
        "ecr:DescribeImages",
        "ecr:GetDownloadUrlForLayer",
        "ecr:InitiateLayerUpload",
        "ecr:PutImage",
        "ecr:UploadLayerPart",
      ],
      Resource: [repository],
    },
  ];
  return statements;
}
