// "Health" on the dashboard (packages/deploy/src/aws/health.ts): read-only describe calls on the stack's
// service, tasks, target group, nginx instance and database. The service's and tasks' ARNs name the
// cluster, whose name CloudFormation generates from the stack's ("<stack>-AppCluster-<random>"), so they
// are scoped to this stack's clusters; the ELBv2 and EC2 describe calls take no resource-level permissions
// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html,
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html): "*" in this region.
import type { CfnTemplate } from "../render/cfn.js";
import { hasType } from "./derived.js";
import { arn, inRegion, type PolicyScope } from "./scope.js";
import type { PolicyStatement } from "./statement.js";

export const HEALTH_ACTIONS = [
  "ec2:DescribeInstanceStatus",
  "ecs:DescribeServices",
  "ecs:DescribeTasks",
  "ecs:ListTasks",
  "elasticloadbalancing:DescribeTargetHealth",
  "rds:DescribeDBInstances",
  "rds:DescribePendingMaintenanceActions",
] as const;

export function healthReadStatements(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (hasType(template, "AWS::ECS::Service")) {
    statements.push(
      {
        Sid: "ReadThisStacksServiceAndTasksForHealth",
        Effect: "Allow",
        Action: ["ecs:DescribeServices", "ecs:DescribeTasks"],
        Resource: [
          arn(scope, "ecs", `service/${scope.stackName}-*/*`),
          arn(scope, "ecs", `task/${scope.stackName}-*/*`),
        ],
      },
      {
        Sid: "ListStoppedTasksForHealth",
        Effect: "Allow",
        // A list call: it names the cluster in its request, not as a resource.
        Action: ["ecs:ListTasks"],
        Resource: ["*"],
        Condition: inRegion(scope),
      },
    );
  }
  const hostReads = [
    ...(hasType(template, "AWS::ElasticLoadBalancingV2::TargetGroup")
      ? ["elasticloadbalancing:DescribeTargetHealth"]
      : []),
    ...(hasType(template, "AWS::EC2::Instance") ? ["ec2:DescribeInstanceStatus"] : []),
  ];
  if (hostReads.length) {
    statements.push({
      Sid: "ReadTargetAndInstanceHealth",
      Effect: "Allow",
      Action: hostReads,
      Resource: ["*"],
      Condition: inRegion(scope),
    });
  }
  if (hasType(template, "AWS::RDS::DBInstance")) {
    statements.push({
      Sid: "ReadTheDatabasesStatusAndMaintenance",
      Effect: "Allow",
      // RDS generates the instance's identifier: any DB instance of this account and region.
      Action: ["rds:DescribeDBInstances", "rds:DescribePendingMaintenanceActions"],
      Resource: [arn(scope, "rds", "db:*")],
    });
  }
  return statements;
}
