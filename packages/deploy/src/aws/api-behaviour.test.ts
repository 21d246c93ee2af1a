// The CloudFormation driver against the API as AWS documents it (issue 17): each mock answers the way
// CloudFormation does for deleted stacks, throttling, expired credentials, failed change sets and stale
// change sets, and each test reproduces a defect the agreeable mocks let through.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
} from "@aws-sdk/client-cloudformation";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { defaultSpec, renderTemplate } from "@stackyard/templates";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { DeployRequest } from "../driver.js";
import { DeployError, isThrottling, isTransient, toDeployError } from "../errors.js";
import { capabilitiesFor } from "./change-sets.js";
import { AwsCloudFormationDriver } from "./driver.js";

const cfn = mockClient(CloudFormationClient);
const ssm = mockClient(SSMClient);
const STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/notes-prod/abc";
const awsError = (name: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });
const driver = (sleeps: number[] = []) =>
  new AwsCloudFormationDriver({
    region: "us-east-1",
    client: new CloudFormationClient({ region: "us-east-1" }),
    changeSetTiming: { pollMs: 1_000, sleep: async (ms) => void sleeps.push(ms) },
    backoff: { sleep: async () => {}, random: () => 0 },
  });
const rendered = renderTemplate({ ...defaultSpec(), name: "notes-prod" });
const request: DeployRequest = {
  stackName: "notes-prod",
  environmentId: "env-1",
  templateBody: rendered.json,
  clientRequestToken: "op-1234",
  tags: { "stackyard:environment-id": "env-1" },
  spec: rendered.spec,
};

beforeEach(() => {
  cfn.reset();
  ssm.reset();
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: "ami-0123456789abcdef0" } });
});

describe("a deleted stack", () => {
  // "Deleted stacks: you must specify the unique stack ID" — by name, a deleted stack does not exist
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackEvents.html).
  it("has no events by name (not an error that ends tracking), and is DELETE_COMPLETE by its id", async () => {
    cfn
      .on(DescribeStackEventsCommand, { StackName: "notes-prod" })
      .rejects(awsError("ValidationError", "Stack [notes-prod] does not exist"));
    cfn.on(DescribeStackEventsCommand, { StackName: STACK_ID }).resolves({
      StackEvents: [
        {
          EventId: "e1",
          StackId: STACK_ID,
          StackName: "notes-prod",
          LogicalResourceId: "notes-prod",
          ResourceStatus: "DELETE_COMPLETE",
          ResourceType: "AWS::CloudFormation::Stack",
          Timestamp: new Date(),
          ClientRequestToken: "del-1",
        },
      ],
    });
    cfn.on(DescribeStacksCommand, { StackName: STACK_ID }).resolves({
      Stacks: [
        {
          StackId: STACK_ID,
          StackName: "notes-prod",
          StackStatus: "DELETE_COMPLETE",
          CreationTime: new Date(),
        },
      ],
    });
    const d = driver();
    expect(await d.eventsSince("notes-prod")).toEqual([]);
    const ref = { stackName: "notes-prod", stackId: STACK_ID, environmentId: "env-1" };
    const [event] = await d.eventsSince(ref);
    expect(event).toMatchObject({ resourceStatus: "DELETE_COMPLETE", clientRequestToken: "del-1" });
    expect((await d.describe(ref))?.status).toBe("DELETE_COMPLETE");
  });

  it("is never deleted for an environment its stackyard:environment-id tag does not name", async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: STACK_ID,
          StackName: "notes-prod",
          StackStatus: "CREATE_COMPLETE",
          CreationTime: new Date(),
          Tags: [{ Key: "stackyard:environment-id", Value: "someone-else" }],
        },
      ],
    });
    const error = await driver()
      .delete({ stackName: "notes-prod", stackId: STACK_ID, environmentId: "env-1" }, "del-1")
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NOT_OWNER" });
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0);
  });
});

describe("errors that pause tracking", () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html (Throttling)
  it("throttling stays throttling after translation, so the tracker's backoff applies", () => {
    const translated = toDeployError(awsError("Throttling", "Rate exceeded"));
    expect(translated).toBeInstanceOf(DeployError);
    expect(isThrottling(translated)).toBe(true);
    expect(isTransient(translated)).toBe(true);
  });

  it("an expired SSO session says expired (not 'no credentials') and pauses", () => {
    const expired = awsError(
      "CredentialsProviderError",
      "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
    );
    const translated = toDeployError(expired) as DeployError;
    expect(translated.code).toBe("CREDENTIALS_EXPIRED");
    expect(translated.message).toMatch(/expired.*aws sso login/s);
    expect(isTransient(expired)).toBe(true);
    expect(
      isTransient(awsError("ExpiredTokenException", "The security token included in the request is expired")),
    ).toBe(true);
  });

  it("network errors pause; an access denial does not", () => {
    expect(isTransient(awsError("Error", "socket hang up", { code: "ECONNRESET" }))).toBe(true);
    expect(isTransient(awsError("TimeoutError", "Connection timed out after 1000 ms"))).toBe(true);
    expect(
      isTransient(
        awsError("AccessDenied", "User is not authorized to perform cloudformation:DescribeStacks"),
      ),
    ).toBe(false);
  });

  it("one retry layer: the SDK client itself makes a single attempt per call", async () => {
    const own = new AwsCloudFormationDriver({ region: "us-east-1" });
    const client = (own as unknown as { client: CloudFormationClient }).client;
    expect(await client.config.maxAttempts()).toBe(1);
  });
});

describe("change sets", () => {
  // A failed CREATE change set leaves a REVIEW_IN_PROGRESS stack holding the name
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-create.html).
  it("a failed CREATE change set deletes its own REVIEW_IN_PROGRESS stack, by id", async () => {
    cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-1", StackId: STACK_ID });
    cfn.on(DescribeChangeSetCommand).resolves({ Status: "FAILED", StatusReason: "Template format error" });
    cfn.on(DeleteStackCommand).resolves({});
    await expect(driver().prepare("create", request)).rejects.toMatchObject({ code: "CHANGE_SET_FAILED" });
    expect(cfn.commandCalls(DeleteStackCommand).map((c) => c.args[0].input.StackName)).toEqual([STACK_ID]);
  });

  it("a missing bootstrap export says to bootstrap first", async () => {
    cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-1", StackId: STACK_ID });
    cfn.on(DescribeChangeSetCommand).resolves({
      Status: "FAILED",
      StatusReason: "No export named stackyard-permissions-boundary-arn found",
    });
    cfn.on(DeleteStackCommand).resolves({});
    await expect(driver().prepare("create", request)).rejects.toMatchObject({
      code: "NOT_BOOTSTRAPPED",
      message: expect.stringMatching(/stackyard-bootstrap/),
    });
  });

  it("polling a slow change set backs off (x1.5 per poll)", async () => {
    cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-1", StackId: STACK_ID });
    const slow = cfn.on(DescribeChangeSetCommand);
    for (let i = 0; i < 5; i += 1) slow.resolvesOnce({ Status: "CREATE_IN_PROGRESS" });
    slow.resolves({ Status: "CREATE_COMPLETE", Changes: [] });
    const sleeps: number[] = [];
    await driver(sleeps).prepare("create", request);
    expect(sleeps).toEqual([1000, 1500, 2250, 3375, 5062.5]);
  });

  it("a reviewed change set that is no longer AVAILABLE says 'review again'", async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: STACK_ID,
          StackName: "notes-prod",
          StackStatus: "UPDATE_COMPLETE",
          CreationTime: new Date(),
        },
      ],
    });
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html (InvalidChangeSetStatus)
    cfn
      .on(ExecuteChangeSetCommand)
      .rejects(
        awsError(
          "InvalidChangeSetStatusException",
          "ChangeSet [cs-1] cannot be executed in its current status of [OBSOLETE]",
        ),
      );
    const error = await driver()
      .execute({ stackId: STACK_ID, changeSetId: "cs-1", changes: [] }, { ...request, stackId: STACK_ID })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "CHANGE_SET_STALE",
      message: expect.stringMatching(/review the update again/),
    });
  });

  it("termination protection after a successful execute is best effort", async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: STACK_ID,
          StackName: "notes-prod",
          StackStatus: "REVIEW_IN_PROGRESS",
          CreationTime: new Date(),
        },
      ],
    });
    cfn.on(ExecuteChangeSetCommand).resolves({});
    cfn
      .on(UpdateTerminationProtectionCommand)
      .rejects(
        awsError("AccessDenied", "not authorized to perform cloudformation:UpdateTerminationProtection"),
      );
    await expect(
      driver().execute({ stackId: STACK_ID, changeSetId: "cs-1", changes: [] }, request),
    ).resolves.toBeUndefined();
  });

  it("asks for CAPABILITY_NAMED_IAM only when an IAM resource is named", () => {
    expect(capabilitiesFor(rendered.json)).toEqual(["CAPABILITY_IAM"]);
    const named = { Resources: { R: { Type: "AWS::IAM::Role", Properties: { RoleName: "x" } } } };
    expect(capabilitiesFor(JSON.stringify(named))).toEqual(["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"]);
  });
});
