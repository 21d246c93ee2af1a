// Drift detection on AWS at the SDK boundary. What each call answers follows AWS's documentation:
// - detection is asynchronous: DetectStackDrift returns an id, DescribeStackDriftDetectionStatus reports
//   DETECTION_IN_PROGRESS until DETECTION_COMPLETE or DETECTION_FAILED
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackDriftDetectionStatus.html
// - DETECTION_FAILED: "failed for at least one resource"; results are available for the others (same page)
// - DescribeStackResourceDrifts pages with NextToken and omits resources that do not support drift detection
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResourceDrifts.html
// - statuses and difference types: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
// - throttling is the Throttling error ("Rate exceeded"), retried with backoff
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html
import {
  CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  ListStackResourcesCommand,
  type StackResourceDrift,
} from "@aws-sdk/client-cloudformation";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { StackRef } from "../driver.js";
import { DeployError } from "../errors.js";
import { HIDDEN_VALUE } from "./drift.js";
import { AwsCloudFormationDriver } from "./driver.js";

const cfn = mockClient(CloudFormationClient);
const stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/notes-prod/abc";
const stack: StackRef = { stackName: "notes-prod", stackId, environmentId: "env-1" };
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });
let waits: number[] = [];

const driver = () =>
  new AwsCloudFormationDriver({
    region: "us-east-1",
    client: new CloudFormationClient({ region: "us-east-1" }),
    backoff: { sleep: async () => {}, random: () => 0 },
    driftPolling: {
      intervalMs: 1000,
      maxIntervalMs: 4000,
      timeoutMs: 20_000,
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
  });

const sgDrift: StackResourceDrift = {
  StackId: stackId,
  LogicalResourceId: "AlbSecurityGroup",
  PhysicalResourceId: "sg-0123",
  ResourceType: "AWS::EC2::SecurityGroup",
  StackResourceDriftStatus: "MODIFIED",
  Timestamp: new Date(),
  PropertyDifferences: [
    {
      PropertyPath: "/SecurityGroupIngress/1",
      ExpectedValue: "null",
      ActualValue: '{"CidrIp":"0.0.0.0/0","FromPort":22,"IpProtocol":"tcp","ToPort":22}',
      DifferenceType: "ADD",
    },
  ],
};
const inSync = (id: string, type: string): StackResourceDrift => ({
  StackId: stackId,
  LogicalResourceId: id,
  ResourceType: type,
  StackResourceDriftStatus: "IN_SYNC",
  Timestamp: new Date(),
});

function stackResources() {
  cfn.on(ListStackResourcesCommand).resolves({
    StackResourceSummaries: [
      {
        LogicalResourceId: "AlbSecurityGroup",
        ResourceType: "AWS::EC2::SecurityGroup",
        PhysicalResourceId: "sg-0123",
        ResourceStatus: "CREATE_COMPLETE",
        LastUpdatedTimestamp: new Date(),
      },
      {
        LogicalResourceId: "Vpc",
        ResourceType: "AWS::EC2::VPC",
        PhysicalResourceId: "vpc-1",
        ResourceStatus: "CREATE_COMPLETE",
        LastUpdatedTimestamp: new Date(),
      },
      {
        LogicalResourceId: "DbInstance",
        ResourceType: "AWS::RDS::DBInstance",
        PhysicalResourceId: "db-1",
        ResourceStatus: "CREATE_COMPLETE",
        LastUpdatedTimestamp: new Date(),
      },
      {
        LogicalResourceId: "ImageParameter",
        ResourceType: "Custom::Unsupported",
        PhysicalResourceId: "p-1",
        ResourceStatus: "CREATE_COMPLETE",
        LastUpdatedTimestamp: new Date(),
      },
    ],
  });
}

beforeEach(() => {
  cfn.reset();
  waits = [];
  stackResources();
});

describe("AWS drift detection", () => {
  it("starts a detection on the recorded stack id, polls it to DETECTION_COMPLETE with growing waits, and reads every page", async () => {
    cfn.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: "det-1" });
    cfn
      .on(DescribeStackDriftDetectionStatusCommand)
      .resolvesOnce({
        StackId: stackId,
        StackDriftDetectionId: "det-1",
        DetectionStatus: "DETECTION_IN_PROGRESS",
        Timestamp: new Date(),
      })
      .resolvesOnce({
        StackId: stackId,
        StackDriftDetectionId: "det-1",
        DetectionStatus: "DETECTION_IN_PROGRESS",
        Timestamp: new Date(),
      })
      .resolves({
        StackId: stackId,
        StackDriftDetectionId: "det-1",
        DetectionStatus: "DETECTION_COMPLETE",
        StackDriftStatus: "DRIFTED",
        Timestamp: new Date("2026-12-07T03:00:00Z"),
      });
    cfn.on(DescribeStackResourceDriftsCommand).callsFake((input: { NextToken?: string }) =>
      input.NextToken === "p2"
        ? {
            StackResourceDrifts: [
              inSync("DbInstance", "AWS::RDS::DBInstance"),
              inSync("Vpc", "AWS::EC2::VPC"),
            ],
          }
        : { StackResourceDrifts: [sgDrift], NextToken: "p2" },
    );

    const report = await driver().drift.detect(stack);

    expect(cfn.commandCalls(DetectStackDriftCommand)[0]?.args[0].input).toEqual({ StackName: stackId });
    expect(cfn.commandCalls(DescribeStackDriftDetectionStatusCommand)).toHaveLength(3);
    expect(waits).toEqual([1000, 1500, 2250]);
    expect(
      cfn.commandCalls(DescribeStackResourceDriftsCommand).map((c) => c.args[0].input.NextToken),
    ).toEqual([undefined, "p2"]);
    expect(report.stackStatus).toBe("DRIFTED");
    expect(report.detectedAt).toEqual(new Date("2026-12-07T03:00:00Z"));
    expect(report.detectionFailure).toBeUndefined();
    expect(report.resources.find((r) => r.logicalResourceId === "AlbSecurityGroup")).toEqual({
      logicalResourceId: "AlbSecurityGroup",
      physicalResourceId: "sg-0123",
      resourceType: "AWS::EC2::SecurityGroup",
      status: "MODIFIED",
      differences: [
        {
          propertyPath: "/SecurityGroupIngress/1",
          expected: "null",
          actual: '{"CidrIp":"0.0.0.0/0","FromPort":22,"IpProtocol":"tcp","ToPort":22}',
          differenceType: "ADD",
        },
      ],
    });
    // Not in DescribeStackResourceDrifts' answer: a type drift detection does not support.
    expect(report.resources.find((r) => r.logicalResourceId === "ImageParameter")).toMatchObject({
      status: "NOT_CHECKED",
      reason: expect.stringMatching(/does not support drift detection/),
    });
    expect(report.resources.map((r) => r.status)).toEqual(["MODIFIED", "IN_SYNC", "IN_SYNC", "NOT_CHECKED"]);
  });

  it("reports a failed detection's reason with the results CloudFormation has for the other resources", async () => {
    cfn.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: "det-2" });
    cfn.on(DescribeStackDriftDetectionStatusCommand).resolves({
      StackId: stackId,
      StackDriftDetectionId: "det-2",
      DetectionStatus: "DETECTION_FAILED",
      DetectionStatusReason:
        "Failed to detect drift on resource [DbInstance]: not authorized to perform rds:DescribeDBInstances",
      StackDriftStatus: "DRIFTED",
      Timestamp: new Date(),
    });
    cfn
      .on(DescribeStackResourceDriftsCommand)
      .resolves({ StackResourceDrifts: [sgDrift, inSync("Vpc", "AWS::EC2::VPC")] });

    const report = await driver().drift.detect(stack);

    expect(report.detectionFailure).toMatch(/DbInstance.*rds:DescribeDBInstances/);
    expect(report.stackStatus).toBe("DRIFTED");
    expect(report.resources.find((r) => r.logicalResourceId === "DbInstance")?.status).toBe("NOT_CHECKED");
  });

  it("retries each throttled call with backoff (DetectStackDrift, the status, a page of drifts)", async () => {
    const throttled = awsError("Throttling", "Rate exceeded");
    cfn.on(DetectStackDriftCommand).rejectsOnce(throttled).resolves({ StackDriftDetectionId: "det-3" });
    cfn.on(DescribeStackDriftDetectionStatusCommand).rejectsOnce(throttled).resolves({
      StackId: stackId,
      StackDriftDetectionId: "det-3",
      DetectionStatus: "DETECTION_COMPLETE",
      StackDriftStatus: "IN_SYNC",
      Timestamp: new Date(),
    });
    cfn
      .on(DescribeStackResourceDriftsCommand)
      .rejectsOnce(throttled)
      .resolves({ StackResourceDrifts: [inSync("Vpc", "AWS::EC2::VPC")] });

    const report = await driver().drift.detect(stack);

    expect(cfn.commandCalls(DetectStackDriftCommand)).toHaveLength(2);
    expect(cfn.commandCalls(DescribeStackDriftDetectionStatusCommand)).toHaveLength(2);
    expect(cfn.commandCalls(DescribeStackResourceDriftsCommand)).toHaveLength(2);
    expect(report.stackStatus).toBe("IN_SYNC");
  });

  it("stops waiting after the bound, naming the detection (CloudFormation carries on with it)", async () => {
    cfn.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: "det-slow" });
    cfn.on(DescribeStackDriftDetectionStatusCommand).resolves({
      StackId: stackId,
      StackDriftDetectionId: "det-slow",
      DetectionStatus: "DETECTION_IN_PROGRESS",
      Timestamp: new Date(),
    });

    const error = await driver()
      .drift.detect(stack)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeployError);
    expect((error as Error).message).toMatch(/det-slow did not finish within 20 s/);
    // 1 + 1.5 + 2.25 + 3.375 + 4 × 3 (capped) ≥ 20 s: a bounded number of polls.
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...waits)).toBe(4000);
    expect(cfn.commandCalls(DescribeStackDriftDetectionStatusCommand).length).toBeLessThanOrEqual(9);
    expect(cfn.commandCalls(DescribeStackResourceDriftsCommand)).toHaveLength(0);
  });

  it("never passes on the values of a property whose path names a secret, only that they differ", async () => {
    cfn.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: "det-4" });
    cfn.on(DescribeStackDriftDetectionStatusCommand).resolves({
      StackId: stackId,
      StackDriftDetectionId: "det-4",
      DetectionStatus: "DETECTION_COMPLETE",
      Timestamp: new Date(),
    });
    const typed = "hunter2-typed-in-the-console";
    cfn.on(DescribeStackResourceDriftsCommand).resolves({
      StackResourceDrifts: [
        {
          ...inSync("AppTaskDefinition", "AWS::ECS::TaskDefinition"),
          StackResourceDriftStatus: "MODIFIED",
          PropertyDifferences: [
            {
              PropertyPath: "/ContainerDefinitions/0/Environment/2/DB_PASSWORD",
              ExpectedValue: "null",
              ActualValue: typed,
              DifferenceType: "ADD",
            },
          ],
        },
      ],
    });
    const report = await driver().drift.detect(stack);
    expect(JSON.stringify(report)).not.toContain(typed);
    expect(report.resources.find((r) => r.logicalResourceId === "AppTaskDefinition")?.differences).toEqual([
      {
        propertyPath: "/ContainerDefinitions/0/Environment/2/DB_PASSWORD",
        expected: HIDDEN_VALUE,
        actual: HIDDEN_VALUE,
        differenceType: "ADD",
      },
    ]);
  });

  it("explains a refusal: access denied, a stack in progress, a stack that is gone", async () => {
    cfn
      .on(DetectStackDriftCommand)
      .rejects(
        awsError("AccessDenied", "User is not authorized to perform: cloudformation:DetectStackDrift"),
      );
    await expect(driver().drift.detect(stack)).rejects.toMatchObject({ code: "ACCESS_DENIED" });

    cfn
      .on(DetectStackDriftCommand)
      .rejects(
        awsError(
          "ValidationError",
          "Stack [notes-prod] is in UPDATE_IN_PROGRESS state and can not be drift detected",
        ),
      );
    await expect(driver().drift.detect(stack)).rejects.toMatchObject({
      code: "TARGET_ERROR",
      message: expect.stringMatching(/refused drift detection: .*UPDATE_IN_PROGRESS/),
    });

    cfn
      .on(DetectStackDriftCommand)
      .rejects(awsError("ValidationError", `Stack with id ${stackId} does not exist`));
    await expect(driver().drift.detect(stack)).rejects.toMatchObject({ code: "STACK_NOT_FOUND" });
  });
});
