// The CloudFormation service role's policy for a template
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html): CloudFormation
// assumes the role and calls every service with it, so the role needs every action the resource handlers
// call (cfn-handler-permissions.json, less handler-exclusions.json), scoped by grants.ts. No statement is
// held to aws:CalledVia: requests made with a service role's own session carry no such key.
import { cloudFormationServiceRoleArn, permissionsBoundaryArn } from "../bootstrap/names.js";
import type { CfnTemplate } from "../render/cfn.js";
import { certificateArns, resourceTypes, ssmParameterArns } from "./derived.js";
import { GLOBAL_SERVICES, SERVICE_ROLE_RULES } from "./grants.js";
import { requiredActionsOf } from "./handlers.js";
import { inRegion, type PolicyScope } from "./scope.js";
import { compactReads, type PolicyStatement } from "./statement.js";

const serviceOf = (action: string) => action.split(":")[0] ?? "";
const pascal = (service: string) =>
  service
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** Every action the service role must allow for the template's resource types, sorted. */
function requiredActionsForTemplate(template: CfnTemplate): string[] {
  return [...new Set(resourceTypes(template).flatMap(requiredActionsOf))].sort();
}

export function serviceRoleStatements(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  const byRule = new Map<number, string[]>();
  const byService = new Map<string, string[]>();
  for (const action of requiredActionsForTemplate(template)) {
    const index = SERVICE_ROLE_RULES.findIndex((rule) => rule.matches(action));
    if (index >= 0) byRule.set(index, [...(byRule.get(index) ?? []), action]);
    else byService.set(serviceOf(action), [...(byService.get(serviceOf(action)) ?? []), action]);
  }
  const ruled: PolicyStatement[] = SERVICE_ROLE_RULES.flatMap((rule, index) => {
    const actions = byRule.get(index);
    if (!actions) return [];
    const condition = rule.condition?.(scope, template);
    return [
      {
        Sid: rule.sid,
        Effect: "Allow" as const,
        Action: compactReads(actions),
        Resource: rule.resources(scope, template),
        ...(condition ? { Condition: condition } : {}),
      },
    ];
  });
  const perService: PolicyStatement[] = [...byService.keys()].sort().map((service) => ({
    Sid: `${pascal(service)}InTheStacksRegion`,
    Effect: "Allow" as const,
    Action: compactReads(byService.get(service) ?? []),
    Resource: ["*"],
    ...(GLOBAL_SERVICES.has(service) ? {} : { Condition: inRegion(scope) }),
  }));
  return [...perService, ...ruled, ...templateReads(scope, template), ...guardrails(scope)];
}

/** Reads CloudFormation makes for the template beyond resource handlers: certificates, SSM parameters. */
function templateReads(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const certificates = certificateArns(template);
  if (certificates.length > 0) {
    statements.push({
      Sid: "ReadTheListenersAcmCertificate",
      Effect: "Allow",
      Action: ["acm:DescribeCertificate"],
      Resource:
        scope.stackName === "*"
          ? [`arn:aws:acm:${scope.region}:${scope.accountId}:certificate/*`]
          : certificates,
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

/** Explicit denies win over every Allow, including an Allow someone attaches to the role later. */
function guardrails(scope: PolicyScope): PolicyStatement[] {
  return [
    {
      Sid: "NeverRemoveAPermissionsBoundary",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
      Resource: ["*"],
    },
    {
      Sid: "NeverChangeTheBoundaryPolicy",
      Effect: "Deny",
      Action: [
        "iam:CreatePolicyVersion",
        "iam:DeletePolicy",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: [permissionsBoundaryArn(scope)],
    },
    {
      Sid: "NeverChangeTheServiceRoleItself",
      Effect: "Deny",
      Action: [
        "iam:AttachRolePolicy",
        "iam:DeleteRole",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:TagRole",
        "iam:UntagRole",
        "iam:UpdateAssumeRolePolicy",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
      ],
      Resource: [cloudFormationServiceRoleArn(scope)],
    },
  ];
}
