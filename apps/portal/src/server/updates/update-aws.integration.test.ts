// Updating an AWS environment through the router, with CloudFormation replaced at the SDK boundary only:
// a change set that replaces the database warns loudly, is refused without acknowledgement, and once
// acknowledged exactly that change set is executed; a rolled-back update leaves the environment live
// with the failure shown.
import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type ResourceStatus,
  type StackEvent,
} from "@aws-sdk/client-cloudformation";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import { AwsCloudFormationDriver } from "@stackyard/deploy/aws";
import { defaultSpec } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { fieldErrorsOf } from "../field-errors";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

const cfn = mockClient(CloudFormationClient);
const ssm = mockClient(SSMClient);
const BUSY = { timeout: 15_000, interval: 50 };
const CHANGE_SET_ID = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackyard-x/1";
const STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/notes-aws/1";
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;
const stack = { status: "UPDATE_COMPLETE", events: [] as StackEvent[] };

beforeAll(async () => {
  db = await createScratchDatabase("portal_update_aws");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  owner = await createTestUser(prisma, "deployer");
  const driver = new AwsCloudFormationDriver({
    region: "us-east-1",
    client: new CloudFormationClient({ region: "us-east-1" }),
    changeSetTiming: { pollMs: 1, sleep: async () => {} },
    backoff: { sleep: async () => {} },
  });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 20 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

function addEvent(logical: string, type: string, status: ResourceStatus, reason?: string) {
  const n = stack.events.length + 1;
  stack.events.unshift({
    EventId: `upd-${Date.now()}-${n}`,
    StackId: STACK_ID,
    StackName: "notes-aws",
    LogicalResourceId: logical,
    ResourceType: type,
    ResourceStatus: status,
    ResourceStatusReason: reason,
    Timestamp: new Date(),
  });
}

beforeEach(async () => {
  cfn.reset();
  Object.assign(stack, { status: "UPDATE_COMPLETE", events: [] });
  cfn.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ID, StackId: STACK_ID });
  cfn.on(DescribeChangeSetCommand).resolves({
    Status: "CREATE_COMPLETE",
    Changes: [
      {
        Type: "Resource",
        ResourceChange: {
          Action: "Modify",
          LogicalResourceId: "DbInstance",
          ResourceType: "AWS::RDS::DBInstance",
          Replacement: "True",
        },
      },
    ],
  });
  cfn.on(ExecuteChangeSetCommand).callsFake(() => {
    stack.status = "UPDATE_IN_PROGRESS";
    addEvent("notes-aws", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated");
    return {};
  });
  cfn.on(DescribeStacksCommand).callsFake(() => ({
    Stacks: [
      {
        StackId: STACK_ID,
        StackName: "notes-aws",
        StackStatus: stack.status,
        CreationTime: new Date(),
        // The AMI resolved at create time: an update keeps it (UsePreviousValue) and asks SSM nothing.
        Parameters: [{ ParameterKey: "UbuntuAmiId", ParameterValue: "ami-0123456789abcdef0" }],
      },
    ],
  }));
  cfn.on(DescribeStackEventsCommand).callsFake(() => ({ StackEvents: stack.events }));
  await prisma.environment.deleteMany();
});

const api = () => createCaller({ prisma, user: owner, deploy: engine });

async function liveAwsEnvironment() {
  const spec = { ...defaultSpec(), name: "notes-aws" };
  const environment = await prisma.environment.create({
    data: {
      name: spec.name,
      target: "aws",
      region: "us-east-1",
      status: "live",
      spec,
      stackId: STACK_ID,
      ownerId: owner.id,
      operations: {
        create: {
          kind: "create",
          status: "succeeded",
          specSnapshot: spec,
          clientRequestToken: `create-${Date.now()}`,
        },
      },
    },
  });
  return { id: environment.id, spec };
}

const renamedDatabase = (spec: ReturnType<typeof defaultSpec>) => ({
  ...spec,
  database: { ...spec.database, name: "notes_v2" },
});

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("updating an AWS environment whose change set replaces the database", () => {
  it("plans through an UPDATE change set and warns that the database will be replaced", async () => {
    const { id, spec } = await liveAwsEnvironment();
    const plan = await api().environments.planUpdate({ id, spec: renamedDatabase(spec) });
    expect(plan.changeSetId).toBe(CHANGE_SET_ID);
    // The change set and the resource specification agree: DBName is "Update requires: Replacement".
    expect(plan.changes[0]).toMatchObject({
      action: "Modify",
      logicalResourceId: "DbInstance",
      resourceType: "AWS::RDS::DBInstance",
      replacement: "True",
      predictedReplacement: "True",
      replacementCauses: ["DBName"],
    });
    expect(plan.changes[0]?.disagreement).toBeUndefined();
    // This mocked change set leaves out the task definition AWS would list too: flagged, not hidden.
    expect(plan.changes.find((c) => c.logicalResourceId === "AppTaskDefinition")).toMatchObject({
      predictedOnly: true,
      disagreement: expect.stringMatching(/change set does not list it/),
    });
    expect(plan.dataLossWarnings).toEqual([expect.stringMatching(/^DbInstance .* REPLACED.*starts empty/)]);
    const created = cfn.commandCalls(CreateChangeSetCommand)[0]?.args[0].input;
    // The update names the stack the environment recorded, by its id: never another stack of the same name
    // (StackName takes "the name or the unique ID", API_CreateChangeSet.html).
    expect(created).toMatchObject({ StackName: STACK_ID, ChangeSetType: "UPDATE" });
    // Only the environment's tag: CloudFormation copies stack tags to every resource, so a per-operation
    // tag modified every resource on every update (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html).
    expect(created?.Tags).toEqual([{ Key: "stackyard:environment-id", Value: id }]);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
  });

  it("flags a change set that disagrees with the prediction, and still asks for the acknowledgement", async () => {
    const { id, spec } = await liveAwsEnvironment();
    cfn.on(DescribeChangeSetCommand).resolves({
      Status: "CREATE_COMPLETE",
      Changes: [
        {
          Type: "Resource",
          ResourceChange: {
            Action: "Modify",
            LogicalResourceId: "DbInstance",
            ResourceType: "AWS::RDS::DBInstance",
            Replacement: "False",
          },
        },
      ],
    });
    const plan = await api().environments.planUpdate({ id, spec: renamedDatabase(spec) });
    expect(plan.changes[0]).toMatchObject({
      replacement: "False",
      predictedReplacement: "True",
      disagreement: expect.stringMatching(
        /says Replacement: False; the resource specification predicts True/,
      ),
    });
    expect(plan.dataLossWarnings).toEqual([expect.stringMatching(/REPLACED \(DBName changes\)/)]);
  });

  it("reviewing again deletes the replaced review's change set, and only that one", async () => {
    const { id, spec } = await liveAwsEnvironment();
    cfn.on(DeleteChangeSetCommand).resolves({});
    const first = "arn:aws:cloudformation:us-east-1:123456789012:changeSet/stackyard-first/1";
    let created = 0;
    cfn
      .on(CreateChangeSetCommand)
      .callsFake(() => ({ Id: ++created === 1 ? first : CHANGE_SET_ID, StackId: STACK_ID }));
    await api().environments.planUpdate({ id, spec: renamedDatabase(spec) });
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
    const second = await api().environments.planUpdate({ id, spec: renamedDatabase(spec) });
    await expect.poll(() => cfn.commandCalls(DeleteChangeSetCommand).length, BUSY).toBe(1);
    expect(cfn.commandCalls(DeleteChangeSetCommand)[0]?.args[0].input).toEqual({
      StackName: STACK_ID,
      ChangeSetName: first,
    });
    expect(second.changeSetId).toBe(CHANGE_SET_ID);
  });

  it("refuses to apply without acknowledgement, at the acknowledgement field, and changes nothing", async () => {
    const { id, spec } = await liveAwsEnvironment();
    const plan = await api().environments.planUpdate({ id, spec: renamedDatabase(spec) });
    for (const acknowledgeDataLoss of [undefined, false]) {
      const error = await rejection(
        api().environments.update({ id, planId: plan.planId, acknowledgeDataLoss }),
      );
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldErrorsOf(error.cause)?.map((e) => e.path)).toEqual(["acknowledgeDataLoss"]);
    }
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect((await prisma.environment.findUniqueOrThrow({ where: { id } })).status).toBe("live");
  });

  it("executes the reviewed change set once acknowledged; a rollback leaves it live with the failure", async () => {
    const { id, spec } = await liveAwsEnvironment();
    const plan = await api().environments.planUpdate({ id, spec: renamedDatabase(spec) });
    const { operationId } = await api().environments.update({
      id,
      planId: plan.planId,
      acknowledgeDataLoss: true,
    });
    await expect.poll(() => cfn.commandCalls(ExecuteChangeSetCommand).length, BUSY).toBe(1);
    expect(cfn.commandCalls(ExecuteChangeSetCommand)[0]?.args[0].input).toMatchObject({
      StackName: STACK_ID,
      ChangeSetName: CHANGE_SET_ID,
    });
    // No second change set: what runs is what was reviewed.
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    const environmentStatus = async () =>
      (await prisma.environment.findUniqueOrThrow({ where: { id } })).status;
    await expect.poll(environmentStatus, BUSY).toBe("updating");

    addEvent(
      "DbInstance",
      "AWS::RDS::DBInstance",
      "UPDATE_FAILED",
      "DB instance class db.t3.micro not available",
    );
    addEvent("notes-aws", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_COMPLETE");
    stack.status = "UPDATE_ROLLBACK_COMPLETE";
    const operation = async () => prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
    await expect.poll(async () => (await operation()).status, BUSY).toBe("rolled_back");
    expect(await environmentStatus()).toBe("live");
    expect((await operation()).errorMessage).toMatch(
      /DbInstance: DB instance class db.t3.micro not available/,
    );
    const after = await prisma.environment.findUniqueOrThrow({ where: { id } });
    expect((after.spec as { database: { name: string } }).database.name).toBe("notes");
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "environment.update", targetId: id },
    });
    expect(audit.detail).toMatchObject({
      acknowledgeDataLoss: true,
      changeSetId: CHANGE_SET_ID,
      changes: [{ path: "database.name", before: "notes", after: "notes_v2" }],
    });
  });

  // UbuntuAmiId is resolved once, at create time, and kept on updates: re-resolving it would replace the
  // instances whenever Canonical publishes an image. A refresh is asked for explicitly
  // (https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html).
  it("keeps the deployed AMI on an update, and resolves the current one only when asked", async () => {
    ssm.reset();
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: "ami-0fedcba9876543210" } });
    const { id, spec } = await liveAwsEnvironment();
    const amiOf = (call: number) =>
      cfn
        .commandCalls(CreateChangeSetCommand)
        [call]?.args[0].input.Parameters?.find((p) => p.ParameterKey === "UbuntuAmiId");
    await api().environments.planUpdate({ id, spec: { ...spec, app: { ...spec.app, desiredCount: 3 } } });
    expect(amiOf(0)).toEqual({ ParameterKey: "UbuntuAmiId", UsePreviousValue: true });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
    await api().environments.planUpdate({
      id,
      spec: { ...spec, app: { ...spec.app, desiredCount: 3 } },
      refreshAmi: true,
    });
    expect(amiOf(1)).toEqual({ ParameterKey: "UbuntuAmiId", ParameterValue: "ami-0fedcba9876543210" });
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
  });

  // A stack in UPDATE_ROLLBACK_FAILED takes no update and no delete until its rollback is continued
  // (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ContinueUpdateRollback.html).
  it("continues a failed rollback on request, by stack id, back to live on the previous version", async () => {
    const { id } = await liveAwsEnvironment();
    await prisma.environment.update({ where: { id }, data: { status: "failed" } });
    await prisma.operation.create({
      data: {
        environmentId: id,
        kind: "update",
        status: "failed",
        specSnapshot: {},
        clientRequestToken: `failed-${Date.now()}`,
        errorMessage: "The update failed and so did its rollback (UPDATE_ROLLBACK_FAILED).",
        finishedAt: new Date(),
      },
    });
    stack.status = "UPDATE_ROLLBACK_FAILED";
    cfn.on(ContinueUpdateRollbackCommand).callsFake(() => {
      stack.status = "UPDATE_ROLLBACK_IN_PROGRESS";
      return {};
    });
    const { operationId } = await api().environments.continueRollback({ id });
    // The engine starts the operation in the background: the call arrives shortly after the answer.
    await expect.poll(() => cfn.commandCalls(ContinueUpdateRollbackCommand).length, BUSY).toBe(1);
    expect(cfn.commandCalls(ContinueUpdateRollbackCommand)[0]?.args[0].input).toMatchObject({
      StackName: STACK_ID,
    });
    stack.status = "UPDATE_ROLLBACK_COMPLETE";
    await expect
      .poll(async () => (await prisma.environment.findUniqueOrThrow({ where: { id } })).status, BUSY)
      .toBe("live");
    expect((await prisma.operation.findUniqueOrThrow({ where: { id: operationId } })).status).toBe(
      "rolled_back",
    );
    // Only after a failed rollback: a live environment has nothing to continue.
    await expect(api().environments.continueRollback({ id })).rejects.toThrow(/UPDATE_ROLLBACK_FAILED/);
  });
});
