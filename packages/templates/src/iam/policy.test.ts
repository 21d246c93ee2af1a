import { describe, expect, test } from "vitest";
import { renderTemplate } from "../render/template.js";
import { resolveSpec } from "../spec/parse.js";
import type { EnvironmentSpecInput } from "../spec/schema.js";
import { SPEC_VARIANTS } from "../testing/variants.test-helpers.js";
import { RESOURCE_PERMISSIONS } from "./permissions.js";
import {
  type IamPolicyDocument,
  iamPolicyFor,
  iamPolicyForTemplate,
  MANAGED_POLICY_MAX_CHARS,
  policySize,
  resolveScope,
  splitIntoManagedPolicies,
  UnknownResourceTypeError,
} from "./policy.js";

const ACCOUNT = "123456789012";
const variants = Object.entries(SPEC_VARIANTS);
const policyOf = (input: EnvironmentSpecInput, options = {}) =>
  iamPolicyFor(resolveSpec(input), { accountId: ACCOUNT, ...options });
const allActions = (policy: IamPolicyDocument) => new Set(policy.Statement.flatMap((s) => s.Action));
const statement = (policy: IamPolicyDocument, sid: string) => policy.Statement.find((s) => s.Sid === sid);
/** An action is granted when it is listed, or covered by a "service:Describe*" read wildcard. */
const grants = (policy: IamPolicyDocument, action: string) => {
  const actions = allActions(policy);
  const service = action.split(":")[0];
  return actions.has(action) || (action.includes(":Describe") && actions.has(`${service}:Describe*`));
};

describe.each(variants)("%s", (_name, input) => {
  const spec = resolveSpec(input);
  const { template } = renderTemplate(spec);
  const policy = iamPolicyFor(spec, { accountId: ACCOUNT });

  test("every resource type the stack has is granted what CloudFormation calls for it", () => {
    for (const type of new Set(Object.values(template.Resources).map((r) => r.Type))) {
      const permissions = RESOURCE_PERMISSIONS[type];
      expect(permissions, `${type} has no entry in src/iam/permissions.ts`).toBeDefined();
      for (const action of Object.values(permissions ?? {}).flat()) {
        expect(grants(policy, action), `${type} needs ${action}`).toBe(true);
      }
    }
  });

  test("is a valid policy document: version, unique alphanumeric Sids, Allow statements with actions", () => {
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement.length).toBeGreaterThan(5);
    const sids = policy.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const s of policy.Statement) {
      expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(s.Effect).toBe("Allow");
      expect(s.Action.length).toBeGreaterThan(0);
      expect(new Set(s.Action).size).toBe(s.Action.length);
      for (const action of s.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+\*?$/);
      expect(s.Resource.length).toBeGreaterThan(0);
    }
    expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
  });

  test("grants nothing on every resource except what AWS forces, and then only through CloudFormation", () => {
    const unscopedDirect = [
      "sts:GetCallerIdentity",
      "cloudformation:ValidateTemplate",
      "ecr:GetAuthorizationToken",
    ];
    for (const s of policy.Statement.filter((s) => s.Resource.includes("*"))) {
      if (s.Action.every((action) => unscopedDirect.includes(action))) continue;
      expect(s.Condition?.["ForAnyValue:StringEquals"]?.["aws:CalledVia"], s.Sid).toBe(
        "cloudformation.amazonaws.com",
      );
      expect(s.Condition?.StringEquals?.["aws:RequestedRegion"], s.Sid).toBe(spec.region);
    }
  });

  test("the renderer puts every role and instance profile under the path the policy scopes IAM to", () => {
    const iamResources = Object.values(template.Resources).filter((r) => r.Type.startsWith("AWS::IAM::"));
    expect(iamResources.length).toBeGreaterThan(0);
    for (const resource of iamResources) {
      const path = resource.Properties?.Path as { "Fn::Sub": string };
      const resolved = path["Fn::Sub"].replace(`\${AWS::StackName}`, spec.name);
      expect(statement(policy, "ThisStacksRolesAndInstanceProfilesOnly")?.Resource).toContain(
        `arn:aws:iam::${ACCOUNT}:${resource.Type === "AWS::IAM::Role" ? "role" : "instance-profile"}${resolved}*`,
      );
    }
  });

  test("splits into managed policies that each fit, keeping every statement in order", () => {
    const parts = splitIntoManagedPolicies(policy);
    for (const part of parts) expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    expect(parts.flatMap((p) => p.Statement)).toEqual(policy.Statement);
  });
});

describe("scope", () => {
  test("ARNs carry the given region, account and stack name, and nothing of the defaults", () => {
    const policy = policyOf(
      {},
      { region: "eu-west-2", accountId: "210987654321", stackName: "team-a-notes" },
    );
    const text = JSON.stringify(policy);
    expect(text).not.toContain("us-east-1");
    expect(text).not.toContain("notes-prod");
    expect(statement(policy, "LaunchUpdateFollowAndDeleteThisStackOnly")?.Resource).toContain(
      "arn:aws:cloudformation:eu-west-2:210987654321:stack/team-a-notes/*",
    );
    expect(statement(policy, "ThisStacksRolesAndInstanceProfilesOnly")?.Resource).toEqual([
      "arn:aws:iam::210987654321:role/stackyard/team-a-notes/*",
      "arn:aws:iam::210987654321:instance-profile/stackyard/team-a-notes/*",
    ]);
    expect(statement(policy, "ThisStacksLogGroupsOnly")?.Resource).toEqual([
      "arn:aws:logs:eu-west-2:210987654321:log-group:team-a-notes-*",
    ]);
    expect(statement(policy, "PushAppImagesToThisStacksRepository")?.Resource).toEqual([
      "arn:aws:ecr:eu-west-2:210987654321:repository/team-a-notes-*",
    ]);
    const arns = text.match(/arn:aws:[a-z0-9-]+:[^"]*/g) ?? [];
    for (const arn of arns) {
      const [, , service, region, account] = arn.split(":");
      if (service === "iam" && account === "aws") continue; // AWS-managed policies belong to no account
      if (service === "route53") continue; // global, no account in its ARNs
      if (service !== "iam") expect(region, arn).toBe("eu-west-2");
      if (service !== "ssm") expect(account, arn).toBe("210987654321");
    }
  });

  test("defaults to the spec's region and name and any account", () => {
    const policy = iamPolicyFor(resolveSpec({ name: "demo", region: "ap-southeast-2" }));
    expect(statement(policy, "LaunchUpdateFollowAndDeleteThisStackOnly")?.Resource).toContain(
      "arn:aws:cloudformation:ap-southeast-2:*:stack/demo/*",
    );
  });

  test("refuses a malformed account, region or stack name, naming the field", () => {
    const spec = resolveSpec({});
    expect(() => resolveScope(spec, { accountId: "1234" })).toThrow(/^accountId: /);
    expect(() => resolveScope(spec, { region: "mars-1" })).toThrow(/^region: /);
    expect(() => resolveScope(spec, { stackName: "1st stack" })).toThrow(/^stackName: /);
  });
});

describe("derived from the template", () => {
  const acm = SPEC_VARIANTS["acm at the ALB, three zones, single-AZ database, no bastion"] ?? {};

  test("without a bastion (and no nginx, in acm mode) there are no instance, SSM or instance-role grants", () => {
    const withBastion = policyOf({ ...acm, bastion: { enabled: true, access: "ssm" } });
    const without = policyOf(acm);
    expect(allActions(withBastion).has("ec2:RunInstances")).toBe(true);
    expect(statement(withBastion, "ResolveTheTemplatesSsmParameters")).toBeDefined();
    expect(statement(withBastion, "AttachOnlyTheManagedPoliciesTheTemplateNames")).toBeDefined();
    expect(allActions(without).has("ec2:RunInstances")).toBe(false);
    expect(allActions(without).has("ec2:TerminateInstances")).toBe(false);
    expect(allActions(without).has("iam:AddRoleToInstanceProfile")).toBe(false);
    expect(statement(without, "ResolveTheTemplatesSsmParameters")).toBeUndefined();
    expect(statement(without, "AttachOnlyTheManagedPoliciesTheTemplateNames")).toBeUndefined();
    const passedTo = statement(without, "PassThisStacksRolesOnlyToTheServicesTheyTrust")?.Condition
      ?.StringEquals;
    expect(passedTo?.["iam:PassedToService"]).toEqual([
      "ecs-tasks.amazonaws.com",
      "vpc-flow-logs.amazonaws.com",
    ]);
  });

  test("acm mode may read exactly its certificate; certbot mode reads none", () => {
    expect(statement(policyOf(acm), "ReadTheListenersAcmCertificate")?.Resource).toEqual([
      acm.edge?.acmCertificateArn,
    ]);
    const certbot = policyOf(SPEC_VARIANTS["certbot, Route 53, per-AZ NAT, SSH bastion, image set"] ?? {});
    expect(statement(certbot, "ReadTheListenersAcmCertificate")).toBeUndefined();
  });

  test("Route 53 is granted on the given hosted zone only, and only when a record is created", () => {
    const withZone = policyOf({ edge: { domain: "n.example.com", tls: "none", hostedZoneId: "Z0TESTZONE" } });
    expect(statement(withZone, "AppDnsRecordInTheGivenHostedZone")?.Resource).toEqual([
      "arn:aws:route53:::hostedzone/Z0TESTZONE",
    ]);
    expect(statement(policyOf({}), "AppDnsRecordInTheGivenHostedZone")).toBeUndefined();
    expect([...allActions(policyOf({}))].some((a) => a.startsWith("route53:"))).toBe(false);
  });

  test("a resource type without an entry is refused, so the renderer cannot outgrow the policy", () => {
    const { template } = renderTemplate(resolveSpec({}));
    const grown = { ...template, Resources: { ...template.Resources, Queue: { Type: "AWS::SQS::Queue" } } };
    const scope = { region: "us-east-1", accountId: ACCOUNT, stackName: "notes-prod" };
    expect(() => iamPolicyForTemplate(grown, scope)).toThrow(UnknownResourceTypeError);
    expect(() => iamPolicyForTemplate(grown, scope)).toThrow(/AWS::SQS::Queue/);
  });

  test("a statement that cannot fit any managed policy is an error, not a silently broken part", () => {
    expect(() => splitIntoManagedPolicies(policyOf({}), 200)).toThrow(/alone exceeds 200 characters/);
  });
});
