// Every IAM role an environment creates carries the bootstrap stack's permissions boundary, and the boundary
// still lets each role do its job: a role's effective permissions are the intersection of its policies and
// its boundary (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), so an
// action a role's policy grants but the boundary does not is silently denied at run time.
import { describe, expect, test } from "vitest";
import { BOOTSTRAP_EXPORTS } from "../bootstrap/names.js";
import type { Json } from "../render/cfn.js";
import { renderTemplate } from "../render/template.js";
import { allows } from "../testing/iam-policy.test-helpers.js";
import { VARIANT_MATRIX } from "../testing/variant-matrix.test-helpers.js";
import { PERMISSIONS_BOUNDARY_DOCUMENT as BOUNDARY } from "./boundary.js";

/**
 * What AmazonSSMManagedInstanceCore grants (policy version v3), from
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html
 */
const SSM_MANAGED_INSTANCE_CORE = [
  "ssm:DescribeAssociation",
  "ssm:GetDeployablePatchSnapshotForInstance",
  "ssm:GetDocument",
  "ssm:DescribeDocument",
  "ssm:GetManifest",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:ListAssociations",
  "ssm:ListInstanceAssociations",
  "ssm:PutInventory",
  "ssm:PutComplianceItems",
  "ssm:PutConfigurePackageResult",
  "ssm:UpdateAssociationStatus",
  "ssm:UpdateInstanceAssociationStatus",
  "ssm:UpdateInstanceInformation",
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
  "ec2messages:AcknowledgeMessage",
  "ec2messages:DeleteMessage",
  "ec2messages:FailMessage",
  "ec2messages:GetEndpoint",
  "ec2messages:GetMessages",
  "ec2messages:SendReply",
];

const inlineActions = (policies: Json): string[] =>
  ((policies ?? []) as { PolicyDocument: { Statement: { Action: string | string[] }[] } }[]).flatMap((p) =>
    p.PolicyDocument.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
  );

describe.each(VARIANT_MATRIX)("%s", (_name, input) => {
  const roles = Object.entries(renderTemplate(input).template.Resources).filter(
    ([, r]) => r.Type === "AWS::IAM::Role",
  );

  test("every IAM role carries the bootstrap stack's permissions boundary", () => {
    expect(roles.length).toBeGreaterThanOrEqual(3);
    for (const [id, role] of roles) {
      expect(role.Properties?.PermissionsBoundary, id).toEqual({
        "Fn::ImportValue": BOOTSTRAP_EXPORTS.permissionsBoundaryArn,
      });
    }
  });

  test("the boundary allows every action each role's own policies grant", () => {
    for (const [id, role] of roles) {
      for (const action of inlineActions(role.Properties?.Policies ?? [])) {
        expect(allows(BOUNDARY, action), `${id} needs ${action}`).toBe(true);
      }
      const managed = JSON.stringify(role.Properties?.ManagedPolicyArns ?? []);
      if (managed.includes("AmazonSSMManagedInstanceCore")) {
        for (const action of SSM_MANAGED_INSTANCE_CORE)
          expect(allows(BOUNDARY, action), `${id} ${action}`).toBe(true);
      } else {
        expect(managed, `${id}: add the managed policy's actions to this test and the boundary`).toBe("[]");
      }
    }
  });
});

test("the boundary grants nothing that changes IAM, stacks, networks or data stores", () => {
  for (const action of [
    "iam:CreateRole",
    "iam:PassRole",
    "iam:PutRolePolicy",
    "sts:AssumeRole",
    "cloudformation:CreateStack",
    "cloudformation:UpdateStack",
    "ec2:RunInstances",
    "ec2:AuthorizeSecurityGroupIngress",
    "rds:ModifyDBInstance",
    "secretsmanager:PutSecretValue",
    "ecr:PutImage",
    "s3:GetObject",
    "kms:CreateGrant",
  ]) {
    expect(allows(BOUNDARY, action), action).toBe(false);
  }
});
