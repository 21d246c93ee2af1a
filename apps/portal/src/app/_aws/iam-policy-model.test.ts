import { exampleSpec, MANAGED_POLICY_MAX_CHARS, policySize } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import {
  accountOfStackArn,
  bootstrapCommands,
  iamPolicyCommand,
  iamPolicyView,
  isAccessDenied,
} from "./iam-policy-model";

describe("iamPolicyView", () => {
  it("splits the environment's policy into parts that each fit a managed policy, scoped to its stack", () => {
    const view = iamPolicyView({ ...exampleSpec(), name: "shop-prod" }, "123456789012");
    if (!view.ok) throw new Error(view.reason);
    expect(view.parts.length).toBeGreaterThan(0);
    for (const part of view.parts) expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    const text = JSON.stringify(view.parts);
    expect(text).toContain(":123456789012:stack/shop-prod/");
    expect(text).not.toContain(":*:stack/");
  });

  it("also gives the service role's policy and the bootstrap step, for the spec's region", () => {
    const view = iamPolicyView({ ...exampleSpec(), name: "shop-prod", region: "eu-west-1" }, "123456789012");
    if (!view.ok) throw new Error(view.reason);
    expect(view.serviceRoleArn).toBe("arn:aws:iam::123456789012:role/stackyard-cfn-exec-role-eu-west-1");
    const portal = JSON.stringify(view.parts);
    expect(portal).toContain(view.serviceRoleArn);
    expect(portal).not.toContain("ec2:RunInstances");
    const serviceRole = JSON.stringify(view.serviceRoleParts);
    expect(serviceRole).toContain("ec2:RunInstances");
    expect(serviceRole).toContain("iam:PermissionsBoundary");
    for (const part of view.serviceRoleParts)
      expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    expect(view.bootstrapCommands).toEqual(bootstrapCommands("eu-west-1"));
    expect(view.bootstrapCommands.join("\n")).toMatch(
      /--region eu-west-1 --stack-name stackyard-bootstrap .*CAPABILITY_NAMED_IAM/,
    );
  });

  it("leaves the account open when it is not known", () => {
    const view = iamPolicyView(exampleSpec());
    if (!view.ok) throw new Error(view.reason);
    expect(view.accountId).toBeNull();
    expect(JSON.stringify(view.parts)).toContain(":*:stack/");
  });

  it("explains instead of throwing when the spec does not parse", () => {
    const view = iamPolicyView({ ...exampleSpec(), network: { vpcCidr: "not a cidr" } });
    expect(view).toEqual({ ok: false, reason: expect.stringContaining("Fix the environment's errors") });
  });
});

describe("isAccessDenied", () => {
  it.each([
    "AWS refused the request: User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateChangeSet",
    "API: ec2:CreateVpc You are not authorized to perform this operation. (UnauthorizedOperation)",
    "AccessDeniedException: no",
  ])("recognises %s", (message) => expect(isAccessDenied(message)).toBe(true));

  it.each([null, "", "Resource creation cancelled", "The following resource(s) failed to create: [Vpc]"])(
    "does not flag %s",
    (message) => expect(isAccessDenied(message)).toBe(false),
  );
});

describe("accountOfStackArn", () => {
  it("reads the account of a stack ARN and nothing else", () => {
    expect(accountOfStackArn("arn:aws:cloudformation:eu-west-1:123456789012:stack/shop/abc-123")).toBe(
      "123456789012",
    );
    expect(accountOfStackArn("local:shop")).toBeNull();
    expect(accountOfStackArn(null)).toBeNull();
  });
});

it("iamPolicyCommand names the spec file, the account when known and the part", () => {
  expect(iamPolicyCommand("shop", "123456789012", 2)).toBe(
    "npx stackyard-templates iam-policy --spec shop.json --account-id 123456789012 --part 2 > shop-deployer-2.json",
  );
  expect(iamPolicyCommand("shop", null, 1)).not.toContain("--account-id");
  expect(iamPolicyCommand("shop", null, 1, "cloudformation")).toBe(
    "npx stackyard-templates iam-policy --spec shop.json --for cloudformation --part 1 > shop-cloudformation-1.json",
  );
});
