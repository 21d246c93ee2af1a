// The tracker against the real portal database, with AWS replaced at the SDK boundary only.
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type ResourceStatus,
  type StackEvent,
  UpdateTerminationProtectionCommand,
} from "@aws-sdk/client-cloudformation";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { defaultSpec } from "@stackyard/templates";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AwsCloudFormationDriver } from "./aws/driver.js";
import { DeployEngine } from "./engine.js";
import { OperationTracker } from "./tracker.js";

const cfn = mockClient(CloudFormationClient);
// A create resolves Canonical's current Ubuntu AMI through SSM (aws/parameters.ts).
const ssm = mockClient(SSMClient);
// The tracker polls every 20 ms here, but CI machines are shared: give each wait room.
const BUSY = { timeout: 15_000, interval: 50 };
let db: ScratchDatabase;
let prisma: PrismaClient;
// EventIds are unique across all stacks (as in CloudFormation), hence the per-test prefix.
const stack = {
  prefix: "",
  status: "REVIEW_IN_PROGRESS",
  events: [] as StackEvent[],
  outputs: [] as { OutputKey: string; OutputValue: string }[],
};

beforeAll(async () => {
  db = await createScratchDatabase("portal_tracker");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

function addEvent(logical: string, type: string, status: ResourceStatus, reason?: string) {
  const n = stack.events.length + 1;
  stack.events.unshift({
    EventId: `${stack.prefix}-ev-${n}`,
    StackId: "arn:stack/notes",
    StackName: "notes",
    LogicalResourceId: logical,
    ResourceType: type,
    ResourceStatus: status,
    ResourceStatusReason: reason,
    Timestamp: new Date(1_800_000_000_000 + n * 1000),
  });
}

beforeEach(() => {
  cfn.reset();
  ssm.reset();
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: "ami-0123456789abcdef0" } });
  Object.assign(stack, {
    prefix: Math.random().toString(36).slice(2),
    status: "REVIEW_IN_PROGRESS",
    events: [],
    outputs: [],
  });
  cfn.on(CreateChangeSetCommand).resolves({ Id: "cs-1", StackId: "arn:stack/notes" });
  cfn.on(DescribeChangeSetCommand).resolves({ Status: "CREATE_COMPLETE", Changes: [] });
  cfn.on(ExecuteChangeSetCommand).callsFake(() => {
    stack.status = "CREATE_IN_PROGRESS";
    addEvent("notes", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated");
    return {};
  });
  cfn.on(UpdateTerminationProtectionCommand).resolves({});
  cfn.on(DescribeStacksCommand).callsFake(() => ({
    Stacks: [
      {
        StackId: "arn:stack/notes",
        StackName: "notes",
        StackStatus: stack.status,
        Outputs: stack.outputs,
        CreationTime: new Date(),
      },
    ],
  }));
  cfn.on(DescribeStackEventsCommand).callsFake(() => ({ StackEvents: stack.events }));
});

const driverFor = () =>
  new AwsCloudFormationDriver({
    region: "us-east-1",
    client: new CloudFormationClient({ region: "us-east-1" }),
    backoff: { sleep: async () => {} },
  });

async function pendingLaunch(name: string) {
  const spec = { ...defaultSpec(), name };
  const environment = await prisma.environment.create({
    data: {
      name,
      target: "aws",
      region: "us-east-1",
      status: "pending",
      spec,
      operations: { create: { kind: "create", specSnapshot: spec, clientRequestToken: `tok-${name}` } },
    },
    include: { operations: true },
  });
  return { environmentId: environment.id, operationId: environment.operations[0]?.id as string };
}

const environmentStatus = async (id: string) =>
  (await prisma.environment.findUniqueOrThrow({ where: { id } })).status;
const operationStatus = async (id: string) =>
  (await prisma.operation.findUniqueOrThrow({ where: { id } })).status;

/** A live AWS environment (its stack id recorded) with a delete operation waiting to start. */
async function liveWithPendingDelete(spec: ReturnType<typeof defaultSpec>) {
  return prisma.environment.create({
    data: {
      name: spec.name,
      target: "aws",
      region: "us-east-1",
      status: "live",
      spec,
      stackId: "arn:stack/notes",
      operations: {
        create: { kind: "delete", specSnapshot: spec, clientRequestToken: `tok-del-${spec.name}` },
      },
    },
    include: { operations: true },
  });
}

function finishCreate() {
  addEvent("Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE");
  addEvent("notes", "AWS::CloudFormation::Stack", "CREATE_COMPLETE");
  stack.status = "CREATE_COMPLETE";
  stack.outputs = [{ OutputKey: "AppUrl", OutputValue: "https://notes.example.com" }];
}

const storedStatuses = async (environmentId: string) =>
  (await prisma.stackEvent.findMany({ where: { environmentId }, orderBy: { id: "asc" } })).map(
    (e) => `${e.logicalResourceId}:${e.resourceStatus}`,
  );

describe("deploy engine and tracker", () => {
  it("launches through a change set and tracks the stack to CREATE_COMPLETE, storing outputs", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20 });
    const { environmentId, operationId } = await pendingLaunch("notes-a");
    await engine.startOperation(operationId);
    expect(await environmentStatus(environmentId)).toBe("creating");
    addEvent("Vpc", "AWS::EC2::VPC", "CREATE_IN_PROGRESS");
    await expect.poll(() => storedStatuses(environmentId), BUSY).toContain("Vpc:CREATE_IN_PROGRESS");
    finishCreate();
    await expect.poll(() => operationStatus(operationId), BUSY).toBe("succeeded");
    const environment = await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } });
    expect(environment).toMatchObject({ status: "live", outputs: { AppUrl: "https://notes.example.com" } });
    expect(await storedStatuses(environmentId)).toEqual([
      "notes:CREATE_IN_PROGRESS",
      "Vpc:CREATE_IN_PROGRESS",
      "Vpc:CREATE_COMPLETE",
      "notes:CREATE_COMPLETE",
    ]);
  });

  it("stores each event once however often the same history is read again", async () => {
    const tracker = new OperationTracker({ prisma, driverFor });
    const { environmentId, operationId } = await pendingLaunch("notes-b");
    await prisma.operation.update({ where: { id: operationId }, data: { status: "running" } });
    stack.status = "CREATE_IN_PROGRESS";
    addEvent("notes", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS");
    addEvent("Vpc", "AWS::EC2::VPC", "CREATE_IN_PROGRESS");
    await tracker.pollOnce(operationId);
    await tracker.pollOnce(operationId);
    // The cursor event vanishes from the history (e.g. a trimmed page): the whole history comes back.
    await prisma.stackEvent.updateMany({
      where: { environmentId, eventId: `${stack.prefix}-ev-2` },
      data: { eventId: "ev-gone" },
    });
    await tracker.pollOnce(operationId);
    expect(await storedStatuses(environmentId)).toEqual([
      "notes:CREATE_IN_PROGRESS",
      "Vpc:CREATE_IN_PROGRESS",
      "Vpc:CREATE_IN_PROGRESS",
    ]);
    expect(await prisma.stackEvent.count({ where: { environmentId } })).toBe(3);
  });

  it("polls once per interval for 100 subscribers across two portal processes", async () => {
    const replicaA = new OperationTracker({ prisma, driverFor });
    const replicaB = new OperationTracker({ prisma, driverFor });
    const { environmentId, operationId } = await pendingLaunch("notes-c");
    await prisma.operation.update({ where: { id: operationId }, data: { status: "running" } });
    stack.status = "CREATE_IN_PROGRESS";
    addEvent("notes", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS");
    let notified = 0;
    for (let i = 0; i < 50; i++) {
      replicaA.bus.subscribe(environmentId, () => notified++);
      replicaB.bus.subscribe(environmentId, () => notified++);
    }
    expect(await replicaA.pollOnce(operationId)).toBe("continue");
    expect(await replicaB.pollOnce(operationId)).toBe("not-owner");
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(1);
    expect(notified).toBe(50); // replica A's tabs now; B's read the database on their own timer
  });

  it("resumes tracking after a restart, from the last stored event", async () => {
    const crashed = new OperationTracker({ prisma, driverFor, leaseMs: 150 });
    const { environmentId, operationId } = await pendingLaunch("notes-d");
    await prisma.operation.update({ where: { id: operationId }, data: { status: "running" } });
    stack.status = "CREATE_IN_PROGRESS";
    addEvent("notes", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS");
    await crashed.pollOnce(operationId); // then the process dies without releasing its lease
    finishCreate();
    const restarted = new OperationTracker({ prisma, driverFor, leaseMs: 150, intervalMs: () => 20 });
    expect(await restarted.followRunning()).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => operationStatus(operationId), {
        timeout: 15_000,
      })
      .toBe("succeeded");
    expect(await storedStatuses(environmentId)).toEqual([
      "notes:CREATE_IN_PROGRESS",
      "Vpc:CREATE_COMPLETE",
      "notes:CREATE_COMPLETE",
    ]);
    await restarted.stop();
  });

  it("records the root cause when the stack rolls back", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20 });
    const { environmentId, operationId } = await pendingLaunch("notes-e");
    await engine.startOperation(operationId);
    addEvent("DbInstance", "AWS::RDS::DBInstance", "CREATE_FAILED", "Cannot find version 8.9 for mysql");
    addEvent("notes", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE");
    stack.status = "ROLLBACK_COMPLETE";
    await expect.poll(() => operationStatus(operationId), BUSY).toBe("rolled_back");
    const operation = await prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    expect(operation.errorMessage).toBe(
      "DbInstance: Cannot find version 8.9 for mysql (check database.engineVersion)",
    );
    expect(await environmentStatus(environmentId)).toBe("failed");
  });

  // Throttling, expired credentials and the network say nothing about the stack, which goes on in AWS
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/CommonErrors.html): tracking pauses.
  it("pauses on throttling and expired credentials with a reason, however long, and then finishes", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20, maxErrors: 2 });
    const { environmentId, operationId } = await pendingLaunch("notes-f");
    // AWS refuses every read until the test has seen what the dashboard shows; then the next refusal.
    let refusal: Error | null = Object.assign(new Error("Rate exceeded"), { name: "Throttling" });
    let served = 0;
    cfn.on(DescribeStackEventsCommand).callsFake(() => {
      if (refusal) {
        served += 1;
        throw refusal;
      }
      return { StackEvents: stack.events };
    });
    const issue = async () =>
      (await prisma.operation.findUniqueOrThrow({ where: { id: operationId } })).trackingIssue ?? "";
    await engine.startOperation(operationId);
    await expect.poll(issue, BUSY).toMatch(/throttling/i);
    await expect.poll(() => served, BUSY).toBeGreaterThan(2); // more than maxErrors: still not given up
    refusal = Object.assign(new Error("The security token included in the request is expired"), {
      name: "ExpiredToken",
    });
    await expect.poll(issue, BUSY).toMatch(/credentials expired/i);
    const paused = await prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    expect(paused).toMatchObject({ status: "running", trackingIssueSince: expect.any(Date) });
    refusal = null;
    finishCreate();
    await expect.poll(() => operationStatus(operationId), BUSY).toBe("succeeded");
    const operation = await prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    expect(operation).toMatchObject({ trackingIssue: null, trackingIssueSince: null });
    expect(await environmentStatus(environmentId)).toBe("live");
  });

  it("giving up on repeated other errors fails the environment too (not creating forever)", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20, maxErrors: 3 });
    const { environmentId, operationId } = await pendingLaunch("notes-g");
    cfn
      .on(DescribeStackEventsCommand)
      .rejects(Object.assign(new Error("Something unexpected"), { name: "InternalFailure" }));
    await engine.startOperation(operationId);
    await expect.poll(() => environmentStatus(environmentId), BUSY).toBe("failed");
    const operation = await prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    expect(operation).toMatchObject({ status: "failed", errorMessage: expect.stringMatching(/^Lost track/) });
  });

  // After DeleteStack, a stack looked up by name "does not exist"; by its unique id it is DELETE_COMPLETE
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
  it("follows a delete by the recorded stack id to DELETE_COMPLETE although the name no longer resolves", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20 });
    // Unprotected: a protected database's delete starts with an update (see protected-delete tests).
    const spec = {
      ...defaultSpec(),
      name: "notes-h",
      database: { ...defaultSpec().database, deletionProtection: false },
    };
    const environment = await liveWithPendingDelete(spec);
    const gone = Object.assign(new Error("Stack with id notes-h does not exist"), {
      name: "ValidationError",
    });
    cfn.on(DescribeStacksCommand, { StackName: "notes-h" }).rejects(gone);
    cfn.on(DescribeStackEventsCommand, { StackName: "notes-h" }).rejects(gone);
    cfn.on(DescribeStacksCommand, { StackName: "arn:stack/notes" }).callsFake(() => ({
      Stacks: [
        {
          StackId: "arn:stack/notes",
          StackName: "notes-h",
          StackStatus: stack.status,
          CreationTime: new Date(),
        },
      ],
    }));
    cfn.on(DeleteStackCommand).callsFake(() => {
      stack.status = "DELETE_IN_PROGRESS";
      addEvent("notes", "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS");
      return {};
    });
    stack.status = "CREATE_COMPLETE";
    await engine.startOperation(environment.operations[0]?.id as string);
    addEvent("notes", "AWS::CloudFormation::Stack", "DELETE_COMPLETE");
    stack.status = "DELETE_COMPLETE";
    await expect.poll(() => environmentStatus(environment.id), BUSY).toBe("deleted");
    expect(cfn.commandCalls(DeleteStackCommand)[0]?.args[0].input.StackName).toBe("arn:stack/notes");
  });

  it("starts, after a restart, an operation recorded but never started", async () => {
    const { environmentId, operationId } = await pendingLaunch("notes-i");
    const restarted = new DeployEngine({ prisma, driverFor, intervalMs: () => 20 });
    expect(await restarted.resumePending()).toBeGreaterThanOrEqual(1);
    expect(cfn.commandCalls(CreateChangeSetCommand).map((c) => c.args[0].input.ClientToken)).toContain(
      "tok-notes-i",
    );
    finishCreate();
    await expect.poll(() => environmentStatus(environmentId), BUSY).toBe("live");
    expect(await operationStatus(operationId)).toBe("succeeded");
  });

  it("an update whose rollback failed says ContinueUpdateRollback is needed", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20 });
    const { environmentId, operationId } = await pendingLaunch("notes-j");
    await engine.startOperation(operationId);
    addEvent("notes", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_FAILED");
    stack.status = "UPDATE_ROLLBACK_FAILED";
    await expect.poll(() => environmentStatus(environmentId), BUSY).toBe("failed");
    const operation = await prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    expect(operation.errorMessage).toMatch(/continue-update-rollback/);
  });

  // RDS refuses to delete a protected instance (DELETE_FAILED): the delete first updates the stack with
  // DeletionProtection false (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html).
  it("deletes a protected database in two phases: an update turning protection off, then DeleteStack", async () => {
    const engine = new DeployEngine({ prisma, driverFor, intervalMs: () => 20 });
    const spec = { ...defaultSpec(), name: "notes-k" };
    const environment = await liveWithPendingDelete(spec);
    stack.status = "CREATE_COMPLETE";
    cfn.on(ExecuteChangeSetCommand).callsFake(() => {
      stack.status = "UPDATE_IN_PROGRESS";
      return {};
    });
    cfn.on(DeleteStackCommand).callsFake(() => {
      stack.status = "DELETE_IN_PROGRESS";
      return {};
    });
    await engine.startOperation(environment.operations[0]?.id as string);
    const update = cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    expect(update?.ChangeSetType).toBe("UPDATE");
    const db = JSON.parse(update?.TemplateBody ?? "{}").Resources.DbInstance.Properties;
    expect(db.DeletionProtection).toBe(false);
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
    stack.status = "UPDATE_COMPLETE";
    await expect.poll(() => cfn.commandCalls(DeleteStackCommand).length, BUSY).toBe(1);
    expect(cfn.commandCalls(DeleteStackCommand)[0]?.args[0].input).toMatchObject({
      StackName: "arn:stack/notes",
      ClientRequestToken: "tok-del-notes-k-delete",
    });
    stack.status = "DELETE_COMPLETE";
    await expect.poll(() => environmentStatus(environment.id), BUSY).toBe("deleted");
  });
});
