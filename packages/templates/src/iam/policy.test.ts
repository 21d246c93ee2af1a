import { describe, expect, test } from "vitest";
import { renderTemplate } from "../render/template.js";
import { resolveSpec } from "../spec/parse.js";
import type { EnvironmentSpecInput } from "../spec/schema.js";
import { allows } from "../testing/iam-policy.test-helpers.js";
import { SPEC_VARIANTS } from "../testing/variants.test-helpers.js";
import {
  type IamPolicyDocument,
  iamPolicyFor,
  iamPolicyForTemplate,
  POLICY_PRINCIPALS,
  resolveScope,
  splitIntoManagedPolicies,
  UnknownResourceTypeError,
} from "./policy.js";

const ACCOUNT = "123456789012";
const variants = Object.entries(SPEC_VARIANTS);
const policyOf = (input: EnvironmentSpecInput, options = {}) =>
  iamPolicyFor(resolveSpec(input), { accountId: ACCOUNT, ...options });
const statement = (policy: IamPolicyDocument, sid: string) => policy.Statement.find((s) => s.Sid === sid);

describe.each(variants)("%s", (_name, input) => {
  test.each(POLICY_PRINCIPALS)(
    "--for %s is a valid policy document: unique alphanumeric Sids, actions",
    (who) => {
      const policy = policyOf(input, { for: who });
      expect(policy.Version).toBe("2012-10-17");
      expect(policy.Statement.length).toBeGreaterThan(5);
      const sids = policy.Statement.map((s) => s.Sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const s of policy.Statement) {
        expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(["Allow", "Deny"]).toContain(s.Effect);
        expect(s.Action.length).toBeGreaterThan(0);
        expect(new Set(s.Action).size).toBe(s.Action.length);
        for (const action of s.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+\*?$/);
        expect(s.Resource.length).toBeGreaterThan(0);
        for (const values of Object.values(s.Condition ?? {})) {
          for (const value of Object.values(values)) expect(value.length, s.Sid).toBeGreaterThan(0);
        }
      }
      expect(JSON.parse(JSON.stringify(policy))).toEqual(policy);
    },
  );

  test("the portal's policy is the default", () => {
    expect(policyOf(input)).toEqual(policyOf(input, { for: "portal" }));
  });
});

describe("scope", () => {
  test("ARNs carry the given region, account and stack name, and nothing of the defaults", () => {
    for (const who of POLICY_PRINCIPALS) {
      const policy = policyOf(
        {},
        { for: who, region: "eu-west-2", accountId: "210987654321", stackName: "team-a-notes" },
      );
      const text = JSON.stringify(policy);
      expect(text).not.toContain("us-east-1");
      expect(text).not.toContain("notes-prod");
      const arns = text.match(/arn:aws:[a-z0-9-]+:[^"]*/g) ?? [];
      for (const arn of arns) {
        const [, , service, region, account] = arn.split(":");
        if (service === "iam" && account === "aws") continue; // AWS-managed policies belong to no account
        if (service === "route53") continue; // global, no account in its ARNs
        if (service !== "iam") expect(region, arn).toBe("eu-west-2");
        if (service !== "ssm") expect(account, arn).toBe("210987654321");
      }
    }
    const cfn = policyOf(
      {},
      { for: "cloudformation", region: "eu-west-2", accountId: "210987654321", stackName: "team-a-notes" },
    );
    expect(statement(cfn, "ThisStacksRolesAndInstanceProfilesOnly")?.Resource).toEqual([
      "arn:aws:iam::210987654321:role/stackyard/team-a-notes/*",
      "arn:aws:iam::210987654321:instance-profile/stackyard/team-a-notes/*",
    ]);
    expect(statement(cfn, "ThisStacksLogGroupsOnly")?.Resource).toEqual([
      "arn:aws:logs:eu-west-2:210987654321:log-group:team-a-notes-*",
    ]);
    expect(statement(cfn, "ThisStacksImageRepositoryOnly")?.Resource).toEqual([
      "arn:aws:ecr:eu-west-2:210987654321:repository/team-a-notes-*",
    ]);
  });

  test("defaults to the spec's region and name and any account, matching the boundary with StringLike", () => {
    const spec = resolveSpec({ name: "demo", region: "ap-southeast-2" });
    expect(statement(iamPolicyFor(spec), "LaunchUpdateFollowAndDeleteThisStackOnly")?.Resource).toContain(
      "arn:aws:cloudformation:ap-southeast-2:*:stack/demo/*",
    );
    const cfn = iamPolicyFor(spec, { for: "cloudformation" });
    expect(statement(cfn, "CreateAndChangeRolesOnlyWithTheStackyardBoundary")?.Condition).toEqual({
      StringLike: {
        "iam:PermissionsBoundary": "arn:aws:iam::*:policy/stackyard-permissions-boundary-ap-southeast-2",
      },
    });
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
  const certbot = SPEC_VARIANTS["certbot, Route 53, per-AZ NAT, SSH bastion, image set"] ?? {};

  test("without instances the service role gets no instance, SSM-parameter or managed-policy grants", () => {
    const withBastion = policyOf(
      { ...acm, bastion: { enabled: true, access: "ssm" } },
      { for: "cloudformation" },
    );
    const without = policyOf(acm, { for: "cloudformation" });
    expect(allows(withBastion, "ec2:RunInstances")).toBe(true);
    expect(statement(withBastion, "ResolveTheTemplatesSsmParameters")).toBeDefined();
    expect(
      statement(withBastion, "AttachOnlyTheManagedPoliciesTheTemplateNamesToBoundedRoles")?.Condition
        ?.ArnEquals,
    ).toEqual({ "iam:PolicyARN": ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"] });
    expect(allows(without, "ec2:RunInstances")).toBe(false);
    expect(allows(without, "ec2:TerminateInstances")).toBe(false);
    expect(allows(without, "iam:AddRoleToInstanceProfile")).toBe(false);
    expect(statement(without, "ResolveTheTemplatesSsmParameters")).toBeUndefined();
    expect(
      statement(without, "PassThisStacksRolesOnlyToTheServicesTheyTrust")?.Condition?.StringEquals,
    ).toEqual({
      "iam:PassedToService": ["ecs-tasks.amazonaws.com", "vpc-flow-logs.amazonaws.com"],
    });
  });

  test("acm mode may read exactly its certificate; certbot mode reads none", () => {
    expect(
      statement(policyOf(acm, { for: "cloudformation" }), "ReadTheListenersAcmCertificate")?.Resource,
    ).toEqual([acm.edge?.acmCertificateArn]);
    expect(
      statement(policyOf(certbot, { for: "cloudformation" }), "ReadTheListenersAcmCertificate"),
    ).toBeUndefined();
  });

  test("Route 53 is granted on the given hosted zone only, and only when a record is created", () => {
    const withZone = policyOf(
      { edge: { domain: "n.example.com", tls: "none", hostedZoneId: "Z0TESTZONE" } },
      { for: "cloudformation" },
    );
    expect(statement(withZone, "AppDnsRecordInTheGivenHostedZone")?.Resource).toEqual([
      "arn:aws:route53:::hostedzone/Z0TESTZONE",
    ]);
    const without = policyOf({}, { for: "cloudformation" });
    expect(without.Statement.flatMap((s) => s.Action).some((a) => a.startsWith("route53:"))).toBe(false);
  });

  test("a resource type nobody lists permissions for is refused, so the renderer cannot outgrow the policy", () => {
    const { template } = renderTemplate(resolveSpec({}));
    const grown = { ...template, Resources: { ...template.Resources, Queue: { Type: "AWS::SQS::Queue" } } };
    const scope = { region: "us-east-1", accountId: ACCOUNT, stackName: "notes-prod" };
    expect(() => iamPolicyForTemplate(grown, scope, "cloudformation")).toThrow(UnknownResourceTypeError);
    expect(() => iamPolicyForTemplate(grown, scope, "cloudformation")).toThrow(/AWS::SQS::Queue/);
  });

  test("a statement that cannot fit any managed policy is an error, not a silently broken part", () => {
    expect(() => splitIntoManagedPolicies(policyOf({}), 200)).toThrow(/alone exceeds 200 characters/);
  });
});
