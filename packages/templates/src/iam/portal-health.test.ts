// The portal's health reads (packages/deploy/src/aws/health.ts) are allowed, read-only and scoped: every
// describe call the health reader makes, nothing that changes a resource. The calls and what they need:
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html
// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceStatus.html
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html
// https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribePendingMaintenanceActions.html
// and which actions take resource-level permissions:
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
import { describe, expect, test } from "vitest";
import { resolveSpec } from "../spec/parse.js";
import { allows } from "../testing/iam-policy.test-helpers.js";
import { VARIANT_MATRIX } from "../testing/variant-matrix.test-helpers.js";
import { iamPolicyFor } from "./policy.js";
import { HEALTH_ACTIONS } from "./portal-health.js";

const ACCOUNT = "123456789012";

describe.each(VARIANT_MATRIX)("%s", (_name, input) => {
  const spec = resolveSpec(input);
  const policy = iamPolicyFor(spec, { accountId: ACCOUNT });
  // An instance to describe: the nginx instance (no ACM edge) or the bastion.
  const hasInstance = spec.edge.tls !== "acm" || spec.bastion.enabled;

  test("allows every describe call the health reader makes", () => {
    for (const action of HEALTH_ACTIONS) {
      if (action === "ec2:DescribeInstanceStatus" && !hasInstance) continue;
      expect(allows(policy, action), action).toBe(true);
    }
  });

  test("scopes the service and task reads to this stack's clusters", () => {
    // (Drift detection's statement also reads services, as CloudFormation's read handler does.)
    const reads = policy.Statement.find((s) => s.Sid === "ReadThisStacksServiceAndTasksForHealth");
    expect(reads?.Action).toEqual(["ecs:DescribeServices", "ecs:DescribeTasks"]);
    expect(reads?.Resource).toEqual([
      `arn:aws:ecs:us-east-1:${ACCOUNT}:service/notes-matrix-*/*`,
      `arn:aws:ecs:us-east-1:${ACCOUNT}:task/notes-matrix-*/*`,
    ]);
  });

  test("allows no ECS, ELBv2, EC2 or RDS call that changes anything", () => {
    for (const action of [
      "ecs:UpdateService",
      "ecs:StopTask",
      "ecs:RunTask",
      "elasticloadbalancing:DeregisterTargets",
      "ec2:RebootInstances",
      "ec2:StopInstances",
      "rds:RebootDBInstance",
      "rds:ApplyPendingMaintenanceAction",
      "rds:ModifyDBInstance",
    ]) {
      expect(allows(policy, action), action).toBe(false);
    }
  });
});
