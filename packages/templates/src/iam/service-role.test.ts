// The CloudFormation service role's policy against what AWS publishes. CloudFormation calls every service
// with the service role's credentials when a stack has one
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html), and each
// resource handler needs the actions its registry schema lists under handlers.<op>.permissions
// (https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html), so a missing
// one fails the launch, update or delete at that resource.
import { describe, expect, test } from "vitest";
import { cloudFormationServiceRoleArn, permissionsBoundaryArn } from "../bootstrap/names.js";
import { bootstrapServiceRoleStatements } from "../bootstrap/template.js";
import { renderTemplate } from "../render/template.js";
import { resolveSpec } from "../spec/parse.js";
import {
  allowing,
  allowsOn,
  deniesOn,
  missingHandlerActions,
  resourceMatches,
  sharedHandlerReference,
} from "../testing/iam-policy.test-helpers.js";
import { VARIANT_MATRIX } from "../testing/variant-matrix.test-helpers.js";
import { resourceTypes } from "./derived.js";
import { BOUNDARY_GUARDED_ROLE_ACTIONS } from "./grants.js";
import { HANDLER_EXCLUSIONS, HANDLER_REFERENCE, handlerActionsOf } from "./handlers.js";
import {
  type IamPolicyDocument,
  iamPolicyFor,
  MANAGED_POLICY_MAX_CHARS,
  policySize,
  splitIntoManagedPolicies,
} from "./policy.js";

const ACCOUNT = "123456789012";
const { path: referencePath, reference } = sharedHandlerReference();
const bootstrapPolicy: IamPolicyDocument = {
  Version: "2012-10-17",
  Statement: bootstrapServiceRoleStatements(),
};
const serviceRolePolicyOf = (input: object) =>
  iamPolicyFor(resolveSpec(input), { for: "cloudformation", accountId: ACCOUNT });

/**
 * Role changes IAM lets a policy hold to a permissions boundary (iam:PermissionsBoundary condition key,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html):
 * returns the Allow statements that grant one of them without requiring exactly `boundary`.
 */
export function roleChangesWithoutBoundary(policy: IamPolicyDocument, boundary: string): string[] {
  return BOUNDARY_GUARDED_ROLE_ACTIONS.flatMap((action) =>
    allowing(policy, action)
      .filter((s) => {
        const required =
          s.Condition?.StringEquals?.["iam:PermissionsBoundary"] ??
          s.Condition?.StringLike?.["iam:PermissionsBoundary"];
        return required !== boundary;
      })
      .map((s) => `${s.Sid} allows ${action} without the boundary condition`),
  );
}

describe("the reference", () => {
  test("the package's copy is AWS's list as kept in ../shared/aws (refresh both together)", () => {
    expect(HANDLER_REFERENCE.types, `differs from ${referencePath}`).toEqual(reference.types);
    expect(HANDLER_REFERENCE.commit).toBe(reference.commit);
  });

  test("every exclusion names an action the type's handlers list, and says why", () => {
    for (const [type, actions] of Object.entries(HANDLER_EXCLUSIONS)) {
      const listed = handlerActionsOf(type, reference.types as never) ?? [];
      for (const [action, reason] of Object.entries(actions)) {
        expect(listed, `${type} ${action} is excluded but no handler lists it`).toContain(action);
        expect(reason.length, `${type} ${action}: give the reason`).toBeGreaterThan(30);
      }
    }
  });
});

describe.each(VARIANT_MATRIX)("%s", (_name, input) => {
  const { template } = renderTemplate(input);
  const types = resourceTypes(template);
  const policy = serviceRolePolicyOf(input);

  test("the service role allows every handler action of every resource type, or excludes it", () => {
    expect(missingHandlerActions(policy, types, reference, HANDLER_EXCLUSIONS)).toEqual([]);
  });

  test("so does the bootstrap stack's service role, which deploys every environment", () => {
    expect(missingHandlerActions(bootstrapPolicy, types, reference, HANDLER_EXCLUSIONS)).toEqual([]);
  });

  test("roles are created and changed only with the bootstrap stack's boundary, on this stack's path", () => {
    const boundary = permissionsBoundaryArn({ accountId: ACCOUNT, region: "us-east-1" });
    expect(roleChangesWithoutBoundary(policy, boundary)).toEqual([]);
    for (const action of BOUNDARY_GUARDED_ROLE_ACTIONS) {
      for (const s of allowing(policy, action)) {
        expect(s.Resource, s.Sid).toEqual([`arn:aws:iam::${ACCOUNT}:role/stackyard/notes-matrix/*`]);
      }
    }
  });

  test("splits into managed policies that each fit, keeping every statement in order", () => {
    const parts = splitIntoManagedPolicies(policy);
    for (const part of parts) expect(policySize(part)).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    expect(parts.flatMap((p) => p.Statement)).toEqual(policy.Statement);
  });
});

describe("the checks can fail", () => {
  const policy = serviceRolePolicyOf({});
  const types = resourceTypes(renderTemplate({}).template);

  test("a policy without kms:CreateGrant misses what RDS needs for ManageMasterUserPassword", () => {
    const without: IamPolicyDocument = {
      ...policy,
      Statement: policy.Statement.map((s) => ({
        ...s,
        Action: s.Action.filter((a) => a !== "kms:CreateGrant"),
      })),
    };
    expect(missingHandlerActions(without, types, reference, HANDLER_EXCLUSIONS)).toContain(
      "AWS::RDS::DBInstance kms:CreateGrant",
    );
  });

  test("a policy whose role statements lack the iam:PermissionsBoundary condition is refused", () => {
    const boundary = permissionsBoundaryArn({ accountId: ACCOUNT, region: "us-east-1" });
    const stripped: IamPolicyDocument = {
      ...policy,
      Statement: policy.Statement.map(({ Condition, ...s }) =>
        s.Action.includes("iam:CreateRole") ? s : { ...s, ...(Condition ? { Condition } : {}) },
      ),
    };
    expect(roleChangesWithoutBoundary(stripped, boundary)).toEqual(
      ["CreateRole", "PutRolePolicy", "DeleteRolePolicy", "PutRolePermissionsBoundary"].map(
        (action) =>
          `CreateAndChangeRolesOnlyWithTheStackyardBoundary allows iam:${action} without the boundary condition`,
      ),
    );
    const otherBoundary = permissionsBoundaryArn({ accountId: ACCOUNT, region: "eu-west-1" });
    expect(roleChangesWithoutBoundary(policy, otherBoundary).length).toBeGreaterThan(0);
  });
});

describe("guardrails", () => {
  const scope = { accountId: ACCOUNT, region: "us-east-1" };
  const policy = serviceRolePolicyOf({});
  const boundary = permissionsBoundaryArn(scope);
  const serviceRole = cloudFormationServiceRoleArn(scope);

  test("the service role may not change or delete the boundary policy, nor itself", () => {
    for (const action of ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:SetDefaultPolicyVersion"]) {
      expect(deniesOn(policy, action, boundary), action).toBe(true);
    }
    for (const action of [
      "iam:PutRolePolicy",
      "iam:AttachRolePolicy",
      "iam:DeleteRole",
      "iam:UpdateAssumeRolePolicy",
    ]) {
      expect(deniesOn(policy, action, serviceRole), action).toBe(true);
      expect(allowsOn(policy, action, serviceRole), `${action} is allowed on the service role`).toBe(false);
    }
    expect(
      deniesOn(policy, "iam:DeleteRolePermissionsBoundary", `arn:aws:iam::${ACCOUNT}:role/stackyard/x/y`),
    ).toBe(true);
  });

  test("no Allow statement grants IAM writes outside this stack's roles and instance profiles", () => {
    const writes = policy.Statement.filter(
      (s) =>
        s.Effect === "Allow" &&
        s.Action.some((a) => /^iam:(Create|Put|Attach|Update|Add|Delete|Detach|Remove|Tag|Untag)/.test(a)),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const s of writes) {
      for (const resource of s.Resource) {
        expect(
          resourceMatches(`arn:aws:iam::${ACCOUNT}:role/stackyard/notes-prod/*`, resource) ||
            resourceMatches(`arn:aws:iam::${ACCOUNT}:instance-profile/stackyard/notes-prod/*`, resource) ||
            resource === `arn:aws:iam::${ACCOUNT}:role/aws-service-role/*`,
          `${s.Sid}: ${resource}`,
        ).toBe(true);
      }
    }
  });

  test("Resource * is held to the stack's region, except for IAM's list calls that have no region", () => {
    for (const s of policy.Statement.filter((s) => s.Effect === "Allow" && s.Resource.includes("*"))) {
      if (s.Action.every((a) => /^iam:List/.test(a))) continue;
      expect(s.Condition?.StringEquals?.["aws:RequestedRegion"], s.Sid).toBe("us-east-1");
    }
  });
});
