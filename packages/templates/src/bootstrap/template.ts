// The bootstrap stack, deployed once per account and region before any environment, like `cdk bootstrap`
// (https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html):
// - the CloudFormation service role every change set is created with
//   (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html), trusted by
//   cloudformation.amazonaws.com only;
// - the managed policy every role of an environment carries as its permissions boundary
//   (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
// The role's policy is the service-role policy of every environment Stackyard can render (the union of
// the resource types of the specs below), with the stack name left open ("*"), split into managed policies
// that each fit IAM's size limit. Names use ${AWS::Region} and ${AWS::AccountId}, so one template deploys to
// any account and region.

import { PERMISSIONS_BOUNDARY_DOCUMENT } from "../iam/boundary.js";
import { type PolicyStatement, splitIntoManagedPolicies } from "../iam/policy.js";
import { serviceRoleStatements } from "../iam/service-role.js";
import type { CfnResource, CfnTemplate, Json, JsonObject } from "../render/cfn.js";
import { renderTemplate, templateToYaml } from "../render/template.js";
import type { EnvironmentSpecInput } from "../spec/schema.js";
import { BOOTSTRAP_EXPORTS, permissionsBoundaryName, serviceRoleName } from "./names.js";

/** Specs that together render every resource type Stackyard has (bootstrap.test.ts checks the union). */
const SPECS_THE_SERVICE_ROLE_COVERS: EnvironmentSpecInput[] = [
  {},
  {
    network: { natGateways: "per-az" },
    edge: {
      domain: "app.example.com",
      tls: "certbot",
      certbotEmail: "ops@example.com",
      hostedZoneId: "Z0000000000000000000",
    },
    bastion: { access: "ssh", sshAllowedCidr: "203.0.113.7/32", sshKeyName: "key" },
  },
  {
    edge: {
      domain: "app.example.com",
      tls: "acm",
      acmCertificateArn:
        "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000",
      hostedZoneId: "Z0000000000000000000",
    },
    bastion: { enabled: false },
  },
];

/** Every resource of the covered specs in one template (logical IDs prefixed so they cannot collide). */
export function everyRenderableResource(): CfnTemplate {
  const rendered = SPECS_THE_SERVICE_ROLE_COVERS.map((spec) => renderTemplate(spec).template);
  const [first] = rendered;
  if (!first) throw new Error("no spec to cover");
  const Resources: CfnTemplate["Resources"] = {};
  const Parameters: CfnTemplate["Parameters"] = {};
  rendered.forEach((template, index) => {
    for (const [id, resource] of Object.entries(template.Resources)) Resources[`S${index}${id}`] = resource;
    Object.assign(Parameters, template.Parameters);
  });
  return { ...first, Parameters, Resources };
}

const REGION = `\${AWS::Region}`;
const ACCOUNT = `\${AWS::AccountId}`;

/** The service role's statements for any Stackyard stack in the bootstrap stack's account and region. */
export function bootstrapServiceRoleStatements(): PolicyStatement[] {
  return serviceRoleStatements(
    { region: REGION, accountId: ACCOUNT, stackName: "*" },
    everyRenderableResource(),
  );
}

/** Strings naming ${AWS::…} become Fn::Sub, so CloudFormation fills in the account and region. */
function substitutePseudoParameters(value: Json): Json {
  if (typeof value === "string") return value.includes("${AWS::") ? { "Fn::Sub": value } : value;
  if (Array.isArray(value)) return value.map(substitutePseudoParameters);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitutePseudoParameters(v)]));
  return value;
}

export const BOOTSTRAP_IDS = {
  serviceRole: "CloudFormationServiceRole",
  boundary: "PermissionsBoundary",
  policyPart: (n: number) => `CloudFormationServiceRolePolicy${n}`,
} as const;

export function renderBootstrapTemplate(): CfnTemplate {
  const parts = splitIntoManagedPolicies({
    Version: "2012-10-17",
    Statement: bootstrapServiceRoleStatements(),
  });
  const policyResources: Record<string, CfnResource> = Object.fromEntries(
    parts.map((part, index) => [
      BOOTSTRAP_IDS.policyPart(index + 1),
      {
        Type: "AWS::IAM::ManagedPolicy",
        Properties: {
          Description: `Stackyard CloudFormation service role, part ${index + 1} of ${parts.length}: what the resource handlers of a Stackyard environment call`,
          PolicyDocument: substitutePseudoParameters(part as unknown as Json) as JsonObject,
        },
      },
    ]),
  );
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description:
      "Stackyard bootstrap (once per account and region): the CloudFormation service role environments are deployed with, and the permissions boundary their roles carry",
    Metadata: { Stackyard: { generator: "@stackyard/templates", kind: "bootstrap" } },
    Parameters: {},
    Conditions: {},
    Resources: {
      [BOOTSTRAP_IDS.boundary]: {
        Type: "AWS::IAM::ManagedPolicy",
        Properties: {
          ManagedPolicyName: { "Fn::Sub": permissionsBoundaryName(REGION) },
          Description:
            "Permissions boundary of every IAM role a Stackyard environment creates: the most any may do",
          PolicyDocument: PERMISSIONS_BOUNDARY_DOCUMENT as unknown as JsonObject,
        },
      },
      ...policyResources,
      [BOOTSTRAP_IDS.serviceRole]: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: { "Fn::Sub": serviceRoleName(REGION) },
          Description:
            "CloudFormation service role for Stackyard environments: the portal passes it on every change set",
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "cloudformation.amazonaws.com" },
                Action: "sts:AssumeRole",
              },
            ],
          },
          ManagedPolicyArns: parts.map((_, index) => ({ Ref: BOOTSTRAP_IDS.policyPart(index + 1) })),
          Tags: [{ Key: "stackyard:bootstrap", Value: "cloudformation-service-role" }],
        },
      },
    },
    Outputs: {
      CloudFormationServiceRoleArn: {
        Description: "RoleARN for every Stackyard change set in this account and region",
        Value: { "Fn::GetAtt": [BOOTSTRAP_IDS.serviceRole, "Arn"] },
        Export: { Name: BOOTSTRAP_EXPORTS.serviceRoleArn },
      },
      PermissionsBoundaryArn: {
        Description: "The permissions boundary every Stackyard environment role carries (imported by name)",
        Value: { Ref: BOOTSTRAP_IDS.boundary },
        Export: { Name: BOOTSTRAP_EXPORTS.permissionsBoundaryArn },
      },
    },
  } as CfnTemplate;
}

export function renderBootstrap(format: "json" | "yaml" = "json"): string {
  const template = renderBootstrapTemplate();
  return format === "yaml" ? templateToYaml(template) : `${JSON.stringify(template, null, 2)}\n`;
}
