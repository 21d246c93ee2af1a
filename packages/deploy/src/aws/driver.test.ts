import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type StackEvent,
  UpdateTerminationProtectionCommand,
} from "@aws-sdk/client-cloudformation";
import { defaultSpec } from "@stackyard/templates";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { dataLossWarnings } from "../data-loss.js";
import type { DeployRequest } from "../driver.js";
import { DeployError } from "../errors.js";
import { findRootCause } from "../root-cause.js";
import { AwsCloudFormationDriver, inlineTemplate, MAX_INLINE_TEMPLATE_BYTES } from "./driver.js";

const cfn = mockClient(CloudFormationClient);
const instant = { sleep: async () => {}, random: () => 0 };
const SERVICE_ROLE = "arn:aws:iam::123456789012:role/stackyard-cfn-exec-role-us-east-1";
const driver = () =>
  new AwsCloudFormationDriver({
    region: "us-east-1",
    client: new CloudFormationClient({ region: "us-east-1" }),
    changeSetTiming: { pollMs: 1, sleep: async () => {} },
    backoff: instant,
    serviceRoleArn: async () => SERVICE_ROLE,
  });
const request: DeployRequest = {
  stackName: "notes-prod",
  templateBody: JSON.stringify({ Resources: {} }),
  clientRequestToken: "op-1234",
  tags: { "stackyard:environment": "env-1" },
  spec: defaultSpec(),
};
const stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/notes-prod/abc";
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

beforeEach(() => cfn.reset());

function events(from: number, to: number): StackEvent[] {
  // DescribeStackEvents answers newest first.
  const list: StackEvent[] = [];
  for (let i = to; i >= from; i--) {
    list.push({
      EventId: `ev-${i}`,
      StackId: stackId,
      StackName: "notes-prod",
      LogicalResourceId: `R${i}`,
      ResourceType: "AWS::EC2::Subnet",
      ResourceStatus: "CREATE_COMPLETE",
      Timestamp: new Date(1_700_000_000_000 + i * 1000),
    });
  }
  return list;
}

function servePages(all: StackEvent[], pageSize: number) {
  cfn.on(DescribeStackEventsCommand).callsFake((input: { NextToken?: string }) => {
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
    return { StackEvents: all.slice(start, start + pageSize), NextToken: next };
  });
}

describe("AwsCloudFormationDriver", () => {
  it("creates through a change set, shows its changes, executes it and turns on termination protection", async () => {
    cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-1", StackId: stackId });
    cfn
      .on(DescribeChangeSetCommand)
      .resolvesOnce({ Status: "CREATE_IN_PROGRESS" })
      .resolvesOnce({
        Status: "CREATE_COMPLETE",
        NextToken: "p2",
        Changes: [
          { ResourceChange: { Action: "Add", LogicalResourceId: "Vpc", ResourceType: "AWS::EC2::VPC" } },
        ],
      })
      .resolvesOnce({
        Status: "CREATE_COMPLETE",
        Changes: [
          {
            ResourceChange: {
              Action: "Add",
              LogicalResourceId: "DbInstance",
              ResourceType: "AWS::RDS::DBInstance",
            },
          },
        ],
      });
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: stackId,
          StackName: "notes-prod",
          StackStatus: "REVIEW_IN_PROGRESS",
          CreationTime: new Date(),
        },
      ],
    });
    const d = driver();
    const prepared = await d.prepare("create", request);
    expect(prepared.changes.map((c) => c.logicalResourceId)).toEqual(["Vpc", "DbInstance"]);
    const create = cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    // Every change set runs as the bootstrap stack's service role (the portal holds no create rights);
    // no IAM resource here has a custom name, so CAPABILITY_NAMED_IAM is not asked for.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
    expect(create).toMatchObject({
      ChangeSetType: "CREATE",
      ClientToken: "op-1234",
      Capabilities: ["CAPABILITY_IAM"],
      RoleARN: SERVICE_ROLE,
    });
    expect(create?.Tags).toEqual([{ Key: "stackyard:environment", Value: "env-1" }]);

    await d.execute(prepared, request);
    // From the change set on, the stack is named by the id CreateChangeSet returned, never by its name
    // alone: StackName accepts "the name or the unique stack ID"
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html).
    expect(prepared.stackId).toBe("arn:aws:cloudformation:us-east-1:123456789012:stack/notes-prod/abc");
    expect(cfn.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toEqual({
      StackName: prepared.stackId,
      ChangeSetName: "cs-1",
      ClientRequestToken: "op-1234",
    });
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)[0]?.args[0].input).toEqual({
      StackName: prepared.stackId,
      EnableTerminationProtection: true,
    });
  });

  it("reads 2,000 events over 20 pages once, then only what is new", async () => {
    const all = events(1, 2000);
    servePages(all, 100);
    const d = driver();
    const first = await d.eventsSince("notes-prod");
    expect(first).toHaveLength(2000);
    expect(first[0]?.eventId).toBe("ev-1");
    expect(first.at(-1)?.eventId).toBe("ev-2000");
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(20);

    cfn.resetHistory();
    servePages([...events(2001, 2003), ...all], 100);
    const next = await d.eventsSince("notes-prod", "ev-2000");
    expect(next.map((e) => e.eventId)).toEqual(["ev-2001", "ev-2002", "ev-2003"]);
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(1);
  });

  it("rides out throttling with backoff and then succeeds", async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(awsError("Throttling", "Rate exceeded"))
      .rejectsOnce(awsError("Throttling", "Rate exceeded"))
      .resolves({
        Stacks: [
          {
            StackId: stackId,
            StackName: "notes-prod",
            StackStatus: "CREATE_IN_PROGRESS",
            CreationTime: new Date(),
          },
        ],
      });
    expect((await driver().describe("notes-prod"))?.status).toBe("CREATE_IN_PROGRESS");
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(3);
  });

  it("reports a failed create with rollback and its root cause", async () => {
    const failure: StackEvent[] = [
      {
        EventId: "e4",
        StackId: stackId,
        StackName: "notes-prod",
        LogicalResourceId: "notes-prod",
        ResourceType: "AWS::CloudFormation::Stack",
        ResourceStatus: "ROLLBACK_COMPLETE",
        Timestamp: new Date(4000),
      },
      {
        EventId: "e3",
        StackId: stackId,
        StackName: "notes-prod",
        LogicalResourceId: "AppService",
        ResourceType: "AWS::ECS::Service",
        ResourceStatus: "CREATE_FAILED",
        ResourceStatusReason: "Resource creation cancelled",
        Timestamp: new Date(3000),
      },
      {
        EventId: "e2",
        StackId: stackId,
        StackName: "notes-prod",
        LogicalResourceId: "DbInstance",
        ResourceType: "AWS::RDS::DBInstance",
        ResourceStatus: "CREATE_FAILED",
        ResourceStatusReason: "Invalid DB engine version 8.9 (Service: Rds)",
        Timestamp: new Date(2000),
      },
      {
        EventId: "e1",
        StackId: stackId,
        StackName: "notes-prod",
        LogicalResourceId: "Vpc",
        ResourceType: "AWS::EC2::VPC",
        ResourceStatus: "CREATE_COMPLETE",
        Timestamp: new Date(1000),
      },
    ];
    servePages(failure, 100);
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: stackId,
          StackName: "notes-prod",
          StackStatus: "ROLLBACK_COMPLETE",
          CreationTime: new Date(),
        },
      ],
    });
    const d = driver();
    expect((await d.describe("notes-prod"))?.status).toBe("ROLLBACK_COMPLETE");
    expect(findRootCause(await d.eventsSince("notes-prod"))).toMatchObject({
      logicalResourceId: "DbInstance",
      specField: "database.engineVersion",
    });
  });

  it("shows an update that replaces the database, with a warning", async () => {
    cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-2", StackId: stackId });
    cfn.on(DescribeChangeSetCommand).resolves({
      Status: "CREATE_COMPLETE",
      Changes: [
        {
          ResourceChange: {
            Action: "Modify",
            LogicalResourceId: "DbInstance",
            ResourceType: "AWS::RDS::DBInstance",
            Replacement: "True",
          },
        },
      ],
    });
    const prepared = await driver().prepare("update", { ...request, clientRequestToken: "op-2" });
    expect(cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input.ChangeSetType).toBe("UPDATE");
    expect(dataLossWarnings(prepared.changes)).toEqual([expect.stringContaining("REPLACED")]);
  });

  it("treats an update with nothing to change as an empty change set", async () => {
    cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-3", StackId: stackId });
    cfn
      .on(DescribeChangeSetCommand)
      .resolves({ Status: "FAILED", StatusReason: "The submitted information didn't contain changes." });
    expect((await driver().prepare("update", request)).changes).toEqual([]);
  });

  it("deletes the stack id the environment recorded (never by name): protection lifted, then the delete", async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: stackId,
          StackName: "notes-prod",
          StackStatus: "CREATE_COMPLETE",
          CreationTime: new Date(),
          Tags: [{ Key: "stackyard:environment-id", Value: "env-1" }],
        },
      ],
    });
    cfn.on(UpdateTerminationProtectionCommand).resolves({});
    cfn.on(DeleteStackCommand).resolves({});
    // By name, DeleteStack would reach whichever stack holds the name now, another environment's included;
    // a stack id names exactly one stack (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html).
    await driver().delete({ stackName: "notes-prod", stackId, environmentId: "env-1" }, "op-del");
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)[0]?.args[0].input).toEqual({
      StackName: stackId,
      EnableTerminationProtection: false,
    });
    expect(cfn.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({
      StackName: stackId,
      ClientRequestToken: "op-del",
    });
  });

  it("says what to do when no AWS credentials are configured", async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(awsError("CredentialsProviderError", "Could not load credentials from any providers"));
    const error = await driver()
      .describe("notes-prod")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeployError);
    expect(error).toMatchObject({
      code: "NO_CREDENTIALS",
      message: expect.stringMatching(/AWS_PROFILE.*local sandbox/),
    });
  });

  it("treats a stack that does not exist as absent, not as an error", async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(awsError("ValidationError", `Stack with id notes-prod does not exist`));
    expect(await driver().describe("notes-prod")).toBeNull();
  });
});

describe("inlineTemplate", () => {
  it("minifies a large pretty template and refuses one too large even minified", () => {
    const resources = Object.fromEntries(
      Array.from({ length: 900 }, (_, i) => [`Subnet${i}`, { Type: "AWS::EC2::Subnet" }]),
    );
    const pretty = JSON.stringify({ Resources: resources }, null, 8);
    expect(Buffer.byteLength(pretty)).toBeGreaterThan(MAX_INLINE_TEMPLATE_BYTES);
    expect(JSON.parse(inlineTemplate(pretty))).toEqual({ Resources: resources });
    const huge = JSON.stringify({ Description: "x".repeat(MAX_INLINE_TEMPLATE_BYTES) });
    expect(() => inlineTemplate(huge)).toThrow(/accepts at most 51200 inline/);
  });
});
