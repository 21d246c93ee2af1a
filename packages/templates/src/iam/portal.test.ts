// The portal's identity only asks CloudFormation to act, with the bootstrap stack's service role
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html): it passes
// that one role, to CloudFormation only (iam:PassedToService,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html), and never holds the
// permissions to create the environment's resources itself.
import { describe, expect, test } from "vitest";
import { cloudFormationServiceRoleArn } from "../bootstrap/names.js";
import { resolveSpec } from "../spec/parse.js";
import { allowing, allows } from "../testing/iam-policy.test-helpers.js";
import { VARIANT_MATRIX } from "../testing/variant-matrix.test-helpers.js";
import { iamPolicyFor } from "./policy.js";
import { DRIFT_READ_SIDS } from "./portal-drift.js";

const ACCOUNT = "123456789012";

/** What would let the portal build or change the environment, or escalate, without CloudFormation. */
const NEVER_THE_PORTALS = [
  "ec2:RunInstances",
  "ec2:CreateVpc",
  "ec2:AuthorizeSecurityGroupIngress",
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:AttachRolePolicy",
  "iam:CreatePolicyVersion",
  "iam:CreateUser",
  "rds:CreateDBInstance",
  "rds:DeleteDBInstance",
  "ecs:CreateService",
  "elasticloadbalancing:CreateLoadBalancer",
  "secretsmanager:GetSecretValue",
  "kms:CreateGrant",
  "sts:AssumeRole",
];

describe.each(VARIANT_MATRIX)("%s", (_name, input) => {
  const policy = iamPolicyFor(resolveSpec(input), { accountId: ACCOUNT });

  test("holds no action that creates or changes the environment's resources itself", () => {
    for (const action of NEVER_THE_PORTALS) expect(allows(policy, action), action).toBe(false);
    // The reads drift detection needs are checked against AWS's handler lists in portal-drift.test.ts.
    const own = policy.Statement.filter((s) => !DRIFT_READ_SIDS.includes(s.Sid));
    for (const action of own.flatMap((s) => s.Action)) {
      expect(
        action,
        "only CloudFormation, STS identity, PassRole, SSM reads, the image push, the secret's rotation, log and health reads",
      ).toMatch(
        /^(cloudformation:[A-Za-z]+|sts:GetCallerIdentity|iam:PassRole|ssm:GetParameters?|ecr:[A-Za-z]+|secretsmanager:RotateSecret|logs:(DescribeLogStreams|FilterLogEvents|StartLiveTail)|ecs:(DescribeServices|DescribeTasks|ListTasks)|elasticloadbalancing:DescribeTargetHealth|ec2:DescribeInstanceStatus|rds:(DescribeDBInstances|DescribePendingMaintenanceActions))$/,
      );
    }
  });

  // The portal's own calls besides change sets: "Continue rollback" and "Rotate database password".
  test("allows ContinueUpdateRollback on this stack and RotateSecret on RDS-managed secrets only", () => {
    expect(allows(policy, "cloudformation:ContinueUpdateRollback")).toBe(true);
    const rotation = allowing(policy, "secretsmanager:RotateSecret");
    expect(rotation.flatMap((s) => s.Resource)).toEqual([
      "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-*",
    ]);
  });

  // The dashboard's log panel (packages/deploy/src/aws/logs.ts): reads, on this stack's log groups only.
  test("reads and tails this stack's log groups only", () => {
    for (const action of ["logs:FilterLogEvents", "logs:StartLiveTail", "logs:DescribeLogStreams"]) {
      expect(allowing(policy, action).flatMap((s) => s.Resource)).toEqual([
        "arn:aws:logs:us-east-1:123456789012:log-group:notes-matrix-*",
      ]);
    }
    expect(allows(policy, "logs:DeleteLogGroup")).toBe(false);
    expect(allows(policy, "logs:PutRetentionPolicy")).toBe(false);
  });

  test("passes only the bootstrap stack's service role, and only to CloudFormation", () => {
    const passes = allowing(policy, "iam:PassRole");
    expect(passes).toHaveLength(1);
    expect(passes[0]?.Resource).toEqual([
      cloudFormationServiceRoleArn({ accountId: ACCOUNT, region: "us-east-1" }),
    ]);
    expect(passes[0]?.Condition).toEqual({
      StringEquals: { "iam:PassedToService": "cloudformation.amazonaws.com" },
    });
  });

  test("acts on this environment's stack and change sets only (and reads the bootstrap stack)", () => {
    for (const s of policy.Statement.filter((s) => s.Action.some((a) => a.startsWith("cloudformation:")))) {
      // Neither acts on a stack: AWS requires "*" (a template body; a drift detection's id).
      const unscoped = [
        "cloudformation:ValidateTemplate",
        "cloudformation:DescribeStackDriftDetectionStatus",
      ];
      if (s.Action.every((a) => unscoped.includes(a))) continue;
      for (const resource of s.Resource) {
        expect(resource, s.Sid).toMatch(
          /^arn:aws:cloudformation:us-east-1:123456789012:(stack\/notes-matrix\/\*|changeSet\/stackyard-\*\/\*|stack\/stackyard-bootstrap\/\*)$/,
        );
      }
    }
    const bootstrap = policy.Statement.find((s) => s.Sid === "CheckTheBootstrapStackIsDeployed");
    expect(bootstrap?.Action).toEqual(["cloudformation:DescribeStacks"]);
  });

  test("pushes images to this stack's repository only", () => {
    for (const s of policy.Statement.filter((s) => s.Action.some((a) => a.startsWith("ecr:")))) {
      if (s.Action.every((a) => a === "ecr:GetAuthorizationToken")) continue;
      expect(s.Resource).toEqual(["arn:aws:ecr:us-east-1:123456789012:repository/notes-matrix-*"]);
    }
  });
});
