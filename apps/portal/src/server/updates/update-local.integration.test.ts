// Updating an environment through the router, on the local sandbox (real MariaDB, real notes-api
// processes, real nginx): plan, the refusals a user can meet, and a full update that scales 2 → 3 tasks.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import type { LocalSandboxDriver } from "@stackyard/deploy/local";
import { deleteStackAndData, newDriver, tempDataDir, uniqueStackName } from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { fieldErrorsOf } from "../field-errors";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

const WAIT = { timeout: 90_000, interval: 250 };
const dataDir = tempDataDir();
const driver: LocalSandboxDriver = newDriver(dataDir);
const name = uniqueStackName("upd");
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;
let otherDeployer: SessionUser;
let admin: SessionUser;
let environmentId = "";

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine });
// Unprotected: the cleanup deletes the stack directly (a protected database refuses, as RDS does).
const specWith = (app: Record<string, number>) => ({
  ...defaultSpec(),
  database: { ...defaultSpec().database, deletionProtection: false },
  name,
  app: { ...defaultSpec().app, ...app },
});
const statusOf = async () =>
  (await prisma.environment.findUniqueOrThrow({ where: { id: environmentId } })).status;

/** expect.poll is for tests only; beforeAll waits with this. */
async function untilStatus(status: string): Promise<void> {
  const deadline = Date.now() + WAIT.timeout;
  while ((await statusOf()) !== status) {
    if (Date.now() > deadline)
      throw new Error(`the environment did not become ${status} (${await statusOf()})`);
    await new Promise((resolve) => setTimeout(resolve, WAIT.interval));
  }
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeAll(async () => {
  db = await createScratchDatabase("portal_update_local");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  [owner, otherDeployer, admin] = await Promise.all([
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "admin"),
  ]);
  const launched = await as(owner).environments.launch({
    target: "local",
    spec: specWith({ desiredCount: 2 }),
    clientRequestToken: `launch-${name}`,
  });
  environmentId = launched.environmentId;
  await untilStatus("live");
}, 120_000);

afterAll(async () => {
  await deleteStackAndData(driver, name, dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

describe("environments.planUpdate on the local sandbox", () => {
  it("returns the changes (the service modified, nothing replaced), no data-loss warning and the cost", async () => {
    const plan = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 3 }),
    });
    expect(plan.changes).toContainEqual({
      action: "Modify",
      logicalResourceId: "AppService",
      resourceType: "AWS::ECS::Service",
      replacement: "False",
      predictedReplacement: "False",
      replacementCauses: [],
      changedProperties: ["DesiredCount"],
      consequences: [],
    });
    expect(plan.dataLossWarnings).toEqual([]);
    expect(plan.specChanges).toEqual([{ path: "app.desiredCount", before: 2, after: 3 }]);
    expect(plan.costAfterUsd).toBeGreaterThan(plan.costBeforeUsd);
    expect(await statusOf()).toBe("live");
  });

  it("a database rename: AWS would replace the instance (DBName), so applying needs the acknowledgement", async () => {
    const spec = { ...specWith({}), database: { ...defaultSpec().database, name: "notes_renamed" } };
    const plan = await as(owner).environments.planUpdate({ id: environmentId, spec });
    const db = plan.changes.find((c) => c.logicalResourceId === "DbInstance");
    // The sandbox keeps its database (replacement "False"); AWS replaces it: DBName is "Update requires:
    // Replacement" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-rds-dbinstance.html).
    expect(db).toMatchObject({
      action: "Modify",
      replacement: "False",
      predictedReplacement: "True",
      replacementCauses: ["DBName"],
    });
    expect(db?.consequences.map((c) => c.kind)).toEqual(["data", "downtime", "dns"]);
    expect(plan.dataLossWarnings).toEqual([
      expect.stringMatching(/^On AWS, DbInstance \(the database\) will be REPLACED \(DBName changes\)/),
    ]);
    // The task definition names the database: a new revision on AWS, though locally nothing is replaced.
    expect(plan.changes.find((c) => c.logicalResourceId === "AppTaskDefinition")).toMatchObject({
      predictedReplacement: "True",
    });
    const refused = await rejection(
      as(owner).environments.update({ id: environmentId, planId: plan.planId }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(refused.cause)?.map((e) => e.path)).toEqual(["acknowledgeDataLoss"]);
    expect(await statusOf()).toBe("live");
  });

  it("refuses a changed name or region beside those fields", async () => {
    const error = await rejection(
      as(owner).environments.planUpdate({
        id: environmentId,
        spec: { ...specWith({}), name: "renamed", region: "eu-west-1" },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error.cause)?.map((e) => e.path)).toEqual(["name", "region"]);
  });

  it("refuses an invalid spec with the field's path", async () => {
    const error = await rejection(
      as(owner).environments.planUpdate({ id: environmentId, spec: specWith({ desiredCount: 0 }) }),
    );
    expect(fieldErrorsOf(error.cause)?.map((e) => e.path)).toContain("app.desiredCount");
  });

  it("refuses another deployer's environment, and an admin applying a plan it did not review", async () => {
    const forbidden = await rejection(
      as(otherDeployer).environments.planUpdate({ id: environmentId, spec: specWith({ desiredCount: 3 }) }),
    );
    expect(forbidden.code).toBe("FORBIDDEN");
    const plan = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 3 }),
    });
    const notTheirs = await rejection(
      as(admin).environments.update({ id: environmentId, planId: plan.planId }),
    );
    expect(notTheirs.code).toBe("FORBIDDEN");
    expect(notTheirs.message).toMatch(/reviewed by another user/);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "environment.update", actorId: admin.id },
    });
    expect(audit.outcome).toBe("refused");
  });

  it("refuses a plan replaced by a newer review, and a stale plan (another operation since)", async () => {
    const older = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 3 }),
    });
    const newer = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 3 }),
    });
    expect(
      (await rejection(as(owner).environments.update({ id: environmentId, planId: older.planId }))).message,
    ).toMatch(/newer review/);
    // Another portal replica (or an earlier request) recorded an operation after the review.
    const other = await prisma.operation.create({
      data: {
        environmentId,
        kind: "update",
        status: "succeeded",
        specSnapshot: specWith({ desiredCount: 2 }),
        clientRequestToken: `other-${Date.now()}`,
        finishedAt: new Date(),
      },
    });
    try {
      const stale = await rejection(
        as(owner).environments.update({ id: environmentId, planId: newer.planId }),
      );
      expect(stale.code).toBe("CONFLICT");
      expect(stale.message).toMatch(/stale/);
      expect(await statusOf()).toBe("live");
    } finally {
      await prisma.operation.delete({ where: { id: other.id } });
    }
  });

  it("refuses an expired plan, and a plan that changes nothing", async () => {
    const plan = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 3 }),
    });
    await prisma.updatePlan.update({
      where: { id: plan.planId },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const expired = await rejection(
      as(owner).environments.update({ id: environmentId, planId: plan.planId }),
    );
    expect(expired.message).toMatch(/expired/);

    const same = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 2 }),
    });
    expect(same.changes).toEqual([]);
    const nothing = await rejection(
      as(owner).environments.update({ id: environmentId, planId: same.planId }),
    );
    expect(nothing.code).toBe("BAD_REQUEST");
    expect(nothing.message).toMatch(/changes nothing/);
    expect(await statusOf()).toBe("live");
  });

  it("applies desiredCount 2 → 3: updating, update events, back to live with the new spec and audited", async () => {
    const plan = await as(owner).environments.planUpdate({
      id: environmentId,
      spec: specWith({ desiredCount: 3 }),
    });
    // Apply double-clicked: both requests at once get the one operation the plan starts.
    const [applied, twice] = await Promise.all([
      as(owner).environments.update({ id: environmentId, planId: plan.planId }),
      as(owner).environments.update({ id: environmentId, planId: plan.planId }),
    ]);
    expect(applied).toEqual({ environmentId, operationId: plan.planId });
    expect(twice).toEqual(applied);
    expect(await statusOf()).toBe("updating");

    // While it runs, a new review is refused with the reason.
    const busy = await rejection(
      as(owner).environments.planUpdate({ id: environmentId, spec: specWith({ desiredCount: 4 }) }),
    );
    expect(busy.code).toBe("CONFLICT");
    expect(busy.message).toMatch(/operation is running/);
    // A retried apply returns the same operation instead of starting another.
    expect(await as(owner).environments.update({ id: environmentId, planId: plan.planId })).toEqual(applied);

    await expect.poll(statusOf, WAIT).toBe("live");
    const operation = await prisma.operation.findUniqueOrThrow({ where: { id: applied.operationId } });
    expect(operation).toMatchObject({ kind: "update", status: "succeeded" });
    const events = await prisma.stackEvent.findMany({ where: { operationId: operation.id } });
    const service = events.filter((e) => e.logicalResourceId === "AppService").map((e) => e.resourceStatus);
    expect(service).toEqual(expect.arrayContaining(["UPDATE_IN_PROGRESS", "UPDATE_COMPLETE"]));
    const environment = await as(owner).environments.get({ id: environmentId });
    expect((environment.spec as { app: { desiredCount: number } }).app.desiredCount).toBe(3);
    expect(environment.monthlyCostUsd).toBe(plan.costAfterUsd);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "environment.update", outcome: "success", targetId: environmentId },
    });
    expect(audit.detail).toMatchObject({ changes: [{ path: "app.desiredCount", before: 2, after: 3 }] });
  }, 120_000);
});
