// The health capability on AWS, at the SDK boundary. The AWS behaviour relied on:
// - ListStackResources gives each resource's physical id (cluster name, service ARN, target group ARN,
//   instance id, DB instance identifier): https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html
// - ECS DescribeServices (desired/running/pending counts, deployments' rolloutState, events):
//   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
// - ECS ListTasks with desiredStatus STOPPED, paged by nextToken:
//   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html
// - ECS DescribeTasks (at most 100 tasks a call; stoppedReason, containers' exitCode and reason):
//   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTasks.html
//   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html
// - ELBv2 DescribeTargetHealth (State, Reason codes such as Target.Timeout, Description):
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
//   https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
// - EC2 DescribeInstanceStatus with IncludeAllInstances (stopped instances too), paged by NextToken:
//   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceStatus.html
// - RDS DescribeDBInstances (DBInstanceStatus, MultiAZ) and DescribePendingMaintenanceActions paged by Marker:
//   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBInstances.html
//   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribePendingMaintenanceActions.html
//   https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html#Overview.DBInstance.Status
// - Throttled calls fail with ThrottlingException / Throttling / RequestLimitExceeded and are retried:
//   https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html
//   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/throttling.html
import { CloudFormationClient, ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { DescribeInstanceStatusCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from "@aws-sdk/client-ecs";
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
  DescribeDBInstancesCommand,
  DescribePendingMaintenanceActionsCommand,
  RDSClient,
} from "@aws-sdk/client-rds";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { StackRef } from "../driver.js";
import { AwsHealthReader } from "./health.js";

const cfn = mockClient(CloudFormationClient);
const ecs = mockClient(ECSClient);
const elb = mockClient(ElasticLoadBalancingV2Client);
const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
const region = "us-east-1";
const instant = { sleep: async () => {}, random: () => 0 };
const stack: StackRef = {
  stackName: "notes-prod",
  stackId: "arn:aws:cloudformation:us-east-1:123456789012:stack/notes-prod/abc",
  environmentId: "env-1",
};
const SERVICE_ARN =
  "arn:aws:ecs:us-east-1:123456789012:service/notes-prod-AppCluster-x1/notes-prod-AppService-y2";
const TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/notes-AppTa-1/abc";
const DB_ARN = "arn:aws:rds:us-east-1:123456789012:db:notes-prod-dbinstance-z3";
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

const reader = () =>
  new AwsHealthReader({
    region,
    cloudFormation: new CloudFormationClient({ region }),
    clients: {
      ecs: new ECSClient({ region }),
      elb: new ElasticLoadBalancingV2Client({ region }),
      ec2: new EC2Client({ region }),
      rds: new RDSClient({ region }),
    },
    backoff: instant,
  });

const resource = (LogicalResourceId: string, ResourceType: string, PhysicalResourceId?: string) => ({
  LogicalResourceId,
  ResourceType,
  PhysicalResourceId,
  ResourceStatus: "CREATE_COMPLETE" as const,
  LastUpdatedTimestamp: new Date(),
});

function serveStack() {
  cfn.on(ListStackResourcesCommand, { StackName: stack.stackId ?? "" }).resolves({
    StackResourceSummaries: [
      resource("NginxInstance", "AWS::EC2::Instance", "i-0nginx"),
      resource("BastionInstance", "AWS::EC2::Instance", "i-0bastion"),
      resource("AppCluster", "AWS::ECS::Cluster", "notes-prod-AppCluster-x1"),
      resource("AppService", "AWS::ECS::Service", SERVICE_ARN),
      resource("AppTargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", TG_ARN),
      resource("DbInstance", "AWS::RDS::DBInstance", "notes-prod-dbinstance-z3"),
    ],
  });
}

function serveHealthyTiers() {
  ec2.on(DescribeInstanceStatusCommand).resolves({
    InstanceStatuses: [
      {
        InstanceId: "i-0nginx",
        InstanceState: { Name: "running", Code: 16 },
        SystemStatus: { Status: "ok" },
        InstanceStatus: { Status: "ok" },
      },
    ],
  });
  ecs.on(DescribeServicesCommand).resolves({
    services: [
      {
        serviceName: "notes-prod-AppService-y2",
        desiredCount: 2,
        runningCount: 2,
        pendingCount: 0,
        deployments: [{ status: "PRIMARY", rolloutState: "COMPLETED" }],
        events: [
          {
            id: "e1",
            createdAt: new Date("2026-12-07T03:00:00Z"),
            message: "(service notes) has reached a steady state.",
          },
        ],
      },
    ],
  });
  ecs.on(ListTasksCommand).resolves({ taskArns: [] });
  elb.on(DescribeTargetHealthCommand).resolves({
    TargetHealthDescriptions: [
      { Target: { Id: "10.0.3.7", Port: 5000 }, TargetHealth: { State: "healthy" } },
      { Target: { Id: "10.0.4.9", Port: 5000 }, TargetHealth: { State: "healthy" } },
    ],
  });
  rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: "notes-prod-dbinstance-z3",
        DBInstanceArn: DB_ARN,
        DBInstanceStatus: "available",
        MultiAZ: true,
      },
    ],
  });
  rds.on(DescribePendingMaintenanceActionsCommand).resolves({ PendingMaintenanceActions: [] });
}

beforeEach(() => {
  for (const mock of [cfn, ecs, elb, ec2, rds]) mock.reset();
});

describe("AwsHealthReader", () => {
  it("reads every tier by the stack's physical ids and reports a healthy environment", async () => {
    serveStack();
    serveHealthyTiers();
    const health = await reader().read(stack);
    expect(health?.state).toBe("healthy");
    expect(health?.edge).toMatchObject({ id: "i-0nginx", instanceState: "running", systemStatus: "ok" });
    expect(health?.service).toMatchObject({ desired: 2, running: 2, pending: 0, deploymentsInProgress: 0 });
    expect(health?.targetGroup).toMatchObject({ healthy: 2, unhealthy: 0 });
    expect(health?.database).toMatchObject({ status: "available", multiAz: true, pendingMaintenance: [] });
    // The nginx instance, never the bastion; the service by ARN in its cluster; the target group by ARN.
    expect(ec2.commandCalls(DescribeInstanceStatusCommand)[0]?.args[0].input).toMatchObject({
      InstanceIds: ["i-0nginx"],
      IncludeAllInstances: true,
    });
    expect(ecs.commandCalls(DescribeServicesCommand)[0]?.args[0].input).toEqual({
      cluster: "notes-prod-AppCluster-x1",
      services: [SERVICE_ARN],
    });
    expect(ecs.commandCalls(ListTasksCommand)[0]?.args[0].input).toMatchObject({
      cluster: "notes-prod-AppCluster-x1",
      serviceName: "notes-prod-AppService-y2",
      desiredStatus: "STOPPED",
    });
    expect(elb.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input).toEqual({
      TargetGroupArn: TG_ARN,
    });
    expect(rds.commandCalls(DescribePendingMaintenanceActionsCommand)[0]?.args[0].input).toMatchObject({
      ResourceIdentifier: DB_ARN,
    });
  });

  it("reports a degraded service with the stopped tasks' reasons and the unhealthy targets' reason codes", async () => {
    serveStack();
    serveHealthyTiers();
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: "notes-prod-AppService-y2",
          desiredCount: 2,
          runningCount: 1,
          pendingCount: 1,
          deployments: [{ status: "PRIMARY", rolloutState: "IN_PROGRESS" }],
          events: [],
        },
      ],
    });
    // Two pages of stopped tasks; DescribeTasks gets them all, and the newest is shown first.
    ecs
      .on(ListTasksCommand, { nextToken: undefined })
      .resolves({ taskArns: ["arn:aws:ecs:us-east-1:123456789012:task/c/old"], nextToken: "p2" })
      .on(ListTasksCommand, { nextToken: "p2" })
      .resolves({ taskArns: ["arn:aws:ecs:us-east-1:123456789012:task/c/new"] });
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: "arn:aws:ecs:us-east-1:123456789012:task/c/old",
          stoppedAt: new Date("2026-12-07T02:00:00Z"),
          stoppedReason: "Scaling activity initiated by deployment ecs-svc/1",
          stopCode: "ServiceSchedulerInitiated",
          containers: [{ name: "notes-api" }],
        },
        {
          taskArn: "arn:aws:ecs:us-east-1:123456789012:task/c/new",
          stoppedAt: new Date("2026-12-07T03:00:00Z"),
          stoppedReason: "Essential container in task exited",
          stopCode: "EssentialContainerExited",
          containers: [
            {
              name: "notes-api",
              exitCode: 137,
              reason: "OutOfMemoryError: Container killed due to memory usage",
            },
          ],
        },
      ],
    });
    elb.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: "10.0.3.7", Port: 5000 }, TargetHealth: { State: "healthy" } },
        {
          Target: { Id: "10.0.4.9", Port: 5000 },
          TargetHealth: { State: "unhealthy", Reason: "Target.Timeout", Description: "Request timed out" },
        },
      ],
    });
    const health = await reader().read(stack);
    expect(health?.state).toBe("degraded");
    expect(ecs.commandCalls(ListTasksCommand)).toHaveLength(2);
    expect(ecs.commandCalls(DescribeTasksCommand)[0]?.args[0].input.tasks).toHaveLength(2);
    expect(health?.service).toMatchObject({
      state: "degraded",
      running: 1,
      pending: 1,
      deploymentsInProgress: 1,
    });
    expect(health?.service?.stoppedTasks[0]).toEqual({
      taskId: "new",
      stoppedAt: "2026-12-07T03:00:00.000Z",
      reason:
        "Essential container in task exited (notes-api: OutOfMemoryError: Container killed due to memory usage)",
      exitCode: 137,
    });
    expect(health?.service?.reasons).toContain(
      "last task stopped: Essential container in task exited (notes-api: OutOfMemoryError: Container killed due to memory usage)",
    );
    expect(health?.targetGroup?.state).toBe("degraded");
    expect(health?.targetGroup?.reasons).toEqual([
      "10.0.4.9:5000 unhealthy: Target.Timeout (Request timed out)",
    ]);
  });

  it("describes stopped tasks 100 at a time (DescribeTasks' limit)", async () => {
    serveStack();
    serveHealthyTiers();
    const arns = Array.from({ length: 150 }, (_, i) => `arn:aws:ecs:us-east-1:123456789012:task/c/t${i}`);
    ecs.on(ListTasksCommand).resolves({ taskArns: arns });
    ecs.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      tasks: input.tasks.map((taskArn, i) => ({
        taskArn,
        stoppedAt: new Date(1_700_000_000_000 + i),
        stoppedReason: "x",
      })),
    }));
    const health = await reader().read(stack);
    const batches = ecs.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.length);
    expect(batches).toEqual([100, 50]);
    expect(health?.service?.stoppedTasks).toHaveLength(5);
  });

  it("pages EC2 instance status and RDS pending maintenance, and shows the maintenance due", async () => {
    serveStack();
    serveHealthyTiers();
    ec2
      .on(DescribeInstanceStatusCommand, { NextToken: undefined })
      .resolves({ InstanceStatuses: [], NextToken: "n2" })
      .on(DescribeInstanceStatusCommand, { NextToken: "n2" })
      .resolves({
        InstanceStatuses: [
          {
            InstanceId: "i-0nginx",
            InstanceState: { Name: "running", Code: 16 },
            SystemStatus: { Status: "ok" },
            InstanceStatus: { Status: "impaired" },
          },
        ],
      });
    rds
      .on(DescribePendingMaintenanceActionsCommand, { Marker: undefined })
      .resolves({ PendingMaintenanceActions: [], Marker: "m2" })
      .on(DescribePendingMaintenanceActionsCommand, { Marker: "m2" })
      .resolves({
        PendingMaintenanceActions: [
          {
            ResourceIdentifier: DB_ARN,
            PendingMaintenanceActionDetails: [
              {
                Action: "system-update",
                Description: "New Operating System update is available",
                AutoAppliedAfterDate: new Date("2026-12-20T00:00:00Z"),
              },
            ],
          },
        ],
      });
    const health = await reader().read(stack);
    expect(ec2.commandCalls(DescribeInstanceStatusCommand)).toHaveLength(2);
    expect(health?.edge).toMatchObject({ state: "unhealthy", instanceStatus: "impaired" });
    expect(health?.edge?.reasons).toEqual(["status checks: system ok, instance impaired"]);
    expect(health?.state).toBe("unhealthy");
    expect(rds.commandCalls(DescribePendingMaintenanceActionsCommand)).toHaveLength(2);
    expect(health?.database?.pendingMaintenance).toEqual([
      {
        action: "system-update",
        description: "New Operating System update is available",
        applyAfter: "2026-12-20T00:00:00.000Z",
      },
    ]);
  });

  it("retries each throttled describe call and then reads the tier", async () => {
    serveStack();
    serveHealthyTiers();
    ecs
      .on(DescribeServicesCommand)
      .rejectsOnce(awsError("ThrottlingException", "Rate exceeded"))
      .resolves({ services: [{ serviceName: "s", desiredCount: 1, runningCount: 1, pendingCount: 0 }] });
    elb
      .on(DescribeTargetHealthCommand)
      .rejectsOnce(awsError("Throttling", "Rate exceeded"))
      .resolves({
        TargetHealthDescriptions: [
          { Target: { Id: "10.0.3.7", Port: 5000 }, TargetHealth: { State: "healthy" } },
        ],
      });
    ec2
      .on(DescribeInstanceStatusCommand)
      .rejectsOnce(awsError("RequestLimitExceeded", "Request limit exceeded."));
    const health = await reader().read(stack);
    expect(ecs.commandCalls(DescribeServicesCommand)).toHaveLength(2);
    expect(elb.commandCalls(DescribeTargetHealthCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeInstanceStatusCommand)).toHaveLength(2);
    expect(health?.service?.state).toBe("healthy");
    expect(health?.targetGroup?.state).toBe("healthy");
  });

  it("reports a service with desired count 0 (no image pushed yet) unhealthy, saying why", async () => {
    serveStack();
    serveHealthyTiers();
    ecs.on(DescribeServicesCommand).resolves({
      services: [{ serviceName: "s", desiredCount: 0, runningCount: 0, pendingCount: 0 }],
    });
    elb.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    const health = await reader().read(stack);
    expect(health?.service?.state).toBe("unhealthy");
    expect(health?.service?.reasons[0]).toMatch(
      /^the desired count is 0: no task runs until an image is pushed/,
    );
    expect(health?.targetGroup?.reasons).toEqual(["no registered targets: no task is running"]);
  });

  it("shows a tier it may not read as unknown with AWS's reason, and still reads the others", async () => {
    serveStack();
    serveHealthyTiers();
    rds
      .on(DescribeDBInstancesCommand)
      .rejects(awsError("AccessDenied", "User is not authorized to perform: rds:DescribeDBInstances"));
    const health = await reader().read(stack);
    expect(health?.database?.state).toBe("unknown");
    expect(health?.database?.reasons[0]).toMatch(/rds:DescribeDBInstances/);
    expect(health?.service?.state).toBe("healthy");
    expect(health?.state).toBe("unknown");
  });

  it("reports tiers not created yet as unknown, and a stack that does not exist as null", async () => {
    cfn.on(ListStackResourcesCommand).resolvesOnce({
      StackResourceSummaries: [
        { ...resource("DbInstance", "AWS::RDS::DBInstance"), ResourceStatus: "CREATE_IN_PROGRESS" },
      ],
    });
    const creating = await reader().read(stack);
    expect(creating?.database).toMatchObject({ state: "unknown", reasons: ["not created yet"] });
    expect(creating?.edge).toBeUndefined();
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(0);
    cfn
      .on(ListStackResourcesCommand)
      .rejects(awsError("ValidationError", "Stack with id notes-prod does not exist"));
    expect(await reader().read(stack)).toBeNull();
  });
});
