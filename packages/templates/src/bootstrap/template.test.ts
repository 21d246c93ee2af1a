// The bootstrap stack, AWS's `cdk bootstrap` pattern (https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html):
// a CloudFormation service role only CloudFormation can assume
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html) and the
// permissions boundary every environment role carries, both exported for the environments and the portal.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { resourceTypes } from "../iam/derived.js";
import { MANAGED_POLICY_MAX_CHARS } from "../iam/policy.js";
import type { Json } from "../render/cfn.js";
import { renderTemplate } from "../render/template.js";
import { resourceSchemaProblems } from "../testing/resource-schemas.test-helpers.js";
import { validSpecInput } from "../testing/spec-arbitrary.test-helpers.js";
import { BOOTSTRAP_EXPORTS, cloudFormationServiceRoleArn, permissionsBoundaryArn } from "./names.js";
import {
  BOOTSTRAP_IDS,
  everyRenderableResource,
  renderBootstrap,
  renderBootstrapTemplate,
} from "./template.js";

const template = renderBootstrapTemplate();
const role = template.Resources[BOOTSTRAP_IDS.serviceRole];
const policies = Object.entries(template.Resources).filter(
  ([id, r]) => r.Type === "AWS::IAM::ManagedPolicy" && id !== BOOTSTRAP_IDS.boundary,
);

/** What CloudFormation makes of a Fn::Sub-bearing value in a given account and region. */
const resolved = (value: Json, accountId: string, region: string): string =>
  JSON.stringify(value).replace(/\{"Fn::Sub":("[^"]*")\}/g, (_, text: string) =>
    text.replaceAll(`\${AWS::AccountId}`, accountId).replaceAll(`\${AWS::Region}`, region),
  );

describe("bootstrap stack", () => {
  test("the service role is assumable by CloudFormation and nothing else", () => {
    expect(role?.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "cloudformation.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
  });

  test("the role and boundary get the names the portal and the environments derive their ARNs from", () => {
    const scope = { accountId: "123456789012", region: "eu-west-1" };
    const roleName = resolved(role?.Properties?.RoleName ?? null, scope.accountId, scope.region);
    expect(cloudFormationServiceRoleArn(scope)).toBe(
      `arn:aws:iam::123456789012:role/${JSON.parse(roleName)}`,
    );
    const boundary = template.Resources[BOOTSTRAP_IDS.boundary];
    const boundaryName = resolved(
      boundary?.Properties?.ManagedPolicyName ?? null,
      scope.accountId,
      scope.region,
    );
    expect(permissionsBoundaryArn(scope)).toBe(
      `arn:aws:iam::123456789012:policy/${JSON.parse(boundaryName)}`,
    );
    expect(role?.Properties?.Path).toBeUndefined(); // path "/": the ARN is the name alone
    const outputs = template.Outputs as Record<string, { Export?: { Name: string } }>;
    expect(outputs.CloudFormationServiceRoleArn?.Export?.Name).toBe(BOOTSTRAP_EXPORTS.serviceRoleArn);
    expect(outputs.PermissionsBoundaryArn?.Export?.Name).toBe(BOOTSTRAP_EXPORTS.permissionsBoundaryArn);
  });

  test("the service role holds every policy part, each within IAM's managed-policy size in any region", () => {
    expect(policies.length).toBeGreaterThan(0);
    expect(role?.Properties?.ManagedPolicyArns).toEqual(policies.map(([id]) => ({ Ref: id })));
    for (const [id, policy] of policies) {
      const text = resolved(policy.Properties?.PolicyDocument ?? null, "123456789012", "ap-southeast-2");
      expect(text.length, id).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
      expect(text, id).not.toContain("Fn::");
    }
  });

  test("the role's policy parts condition role creation on the boundary it exports, in the same account", () => {
    const text = resolved(
      policies.map(([, p]) => p.Properties?.PolicyDocument ?? null),
      "123456789012",
      "eu-west-1",
    );
    expect(text).toContain(
      '"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/stackyard-permissions-boundary-eu-west-1"',
    );
    expect(text).toContain('"aws:RequestedRegion":"eu-west-1"');
  });

  test("covers the resource types of every spec Stackyard accepts", () => {
    const covered = new Set(resourceTypes(everyRenderableResource()));
    fc.assert(
      fc.property(validSpecInput, (input) => {
        for (const type of resourceTypes(renderTemplate(input).template))
          expect(covered, type).toContain(type);
      }),
      { numRuns: 60 },
    );
  });

  test("matches the CloudFormation resource schemas", () => {
    expect(resourceSchemaProblems(template)).toEqual([]);
  });

  test("renders the same bytes every time, as JSON or YAML", () => {
    expect(renderBootstrap("json")).toBe(renderBootstrap("json"));
    expect(JSON.parse(renderBootstrap("json"))).toEqual(template);
    expect(parseYaml(renderBootstrap("yaml"))).toEqual(template);
  });
});
