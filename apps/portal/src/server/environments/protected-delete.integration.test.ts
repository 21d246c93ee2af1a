// Deleting a protected database the way AWS allows (issue 17). RDS refuses to delete a DB instance with
// deletion protection, so a plain DeleteStack ends in DELETE_FAILED
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection).
// The local sandbox refuses the same way; the portal's delete first turns the protection off with an
// update (the Snapshot deletion policy still keeps the data), then deletes the stack.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import { adminFromEnv, PROTECTED_DB_REFUSAL } from "@stackyard/deploy/local";
import {
  databaseExists,
  dropDatabase,
  launch,
  newDriver,
  removeDataDir,
  requestFor,
  settled,
  sqlNames,
  tempDataDir,
  uniqueStackName,
} from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

const WAIT = { timeout: 120_000, interval: 200 };
const dataDir = tempDataDir();
const driver = newDriver(dataDir);
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine });
const environmentStatus = async (id: string) =>
  (await prisma.environment.findUniqueOrThrow({ where: { id } })).status;

async function liveProtectedEnvironment(name: string): Promise<string> {
  const { environmentId } = await as(owner).environments.launch({
    target: "local",
    spec: { ...defaultSpec(), name },
    clientRequestToken: `launch-${name}`,
  });
  await expect.poll(() => environmentStatus(environmentId), WAIT).toBe("live");
  return environmentId;
}

beforeAll(async () => {
  db = await createScratchDatabase("portal_protected_delete");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  owner = await createTestUser(prisma, "deployer");
}, 60_000);

afterAll(async () => {
  removeDataDir(dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 60_000);

describe("a protected database", () => {
  it("refuses a plain stack delete as RDS does: DELETE_FAILED, the database kept", async () => {
    const name = uniqueStackName("prot");
    await launch(driver, requestFor(name, { database: { deletionProtection: true } }));
    expect((await settled(driver, name))?.status).toBe("CREATE_COMPLETE");
    await driver.delete(name, `plain-${name}`);
    const after = await settled(driver, name);
    expect(after?.status).toBe("DELETE_FAILED");
    const events = await driver.eventsSince(name);
    expect(events.find((e) => e.resourceStatus === "DELETE_FAILED")).toMatchObject({
      logicalResourceId: "DbInstance",
      resourceStatusReason: PROTECTED_DB_REFUSAL,
    });
    expect(await databaseExists(adminFromEnv(), sqlNames(name).database)).toBe(true);
    // A DELETE_FAILED stack can only be deleted again, not updated (as in CloudFormation): the test drops
    // what the refused delete kept.
    await expect(launch(driver, requestFor(name), "update")).rejects.toThrow(
      /DELETE_FAILED state and can not be updated/,
    );
    const names = sqlNames(name);
    await dropDatabase(adminFromEnv(), names.database, names.user);
  }, 180_000);

  it("the portal's delete turns protection off first, then deletes: both phases in one event stream", async () => {
    const name = uniqueStackName("protdel");
    const id = await liveProtectedEnvironment(name);
    const { operationId } = (await as(owner).environments.delete({ id })) as { operationId: string };
    await expect.poll(() => environmentStatus(id), WAIT).toBe("deleted");
    const events = await prisma.stackEvent.findMany({ where: { operationId }, orderBy: { id: "asc" } });
    const stackStatuses = events.filter((e) => e.logicalResourceId === name).map((e) => e.resourceStatus);
    expect(stackStatuses).toEqual([
      "UPDATE_IN_PROGRESS",
      "UPDATE_COMPLETE",
      "DELETE_IN_PROGRESS",
      "DELETE_COMPLETE",
    ]);
    expect(
      events.some((e) => e.logicalResourceId === "DbInstance" && e.resourceStatus === "UPDATE_COMPLETE"),
    ).toBe(true);
    expect(await prisma.operation.findUniqueOrThrow({ where: { id: operationId } })).toMatchObject({
      status: "succeeded",
      phase: "deleting",
    });
    const environment = await prisma.environment.findUniqueOrThrow({ where: { id } });
    expect(
      (environment.spec as { database: { deletionProtection: boolean } }).database.deletionProtection,
    ).toBe(false);
  }, 180_000);

  it("a failed delete is explained (cause, what is left) and can be retried", async () => {
    const name = uniqueStackName("protfail");
    const id = await liveProtectedEnvironment(name);
    // The portal's record says unprotected while the stack is protected (edited outside the portal):
    // the delete goes straight to the stack and fails as RDS would.
    const protectedSpec = (await prisma.environment.findUniqueOrThrow({ where: { id } })).spec as ReturnType<
      typeof defaultSpec
    >;
    await prisma.environment.update({
      where: { id },
      data: {
        spec: { ...protectedSpec, database: { ...protectedSpec.database, deletionProtection: false } },
      },
    });
    const first = (await as(owner).environments.delete({ id })) as { operationId: string };
    await expect.poll(() => environmentStatus(id), WAIT).toBe("failed");
    const failed = await prisma.operation.findUniqueOrThrow({ where: { id: first.operationId } });
    expect(failed.errorMessage).toContain(PROTECTED_DB_REFUSAL);
    expect(failed.errorMessage).toMatch(/Left behind: .*DbInstance/);
    // The environment stays deletable: a retry runs (and, the instance still protected, fails the same way
    // on AWS too: a DELETE_FAILED stack cannot be updated, only deleted again).
    const retry = (await as(owner).environments.delete({ id })) as { operationId: string };
    await expect
      .poll(
        async () => (await prisma.operation.findUniqueOrThrow({ where: { id: retry.operationId } })).status,
        WAIT,
      )
      .toBe("failed");
    expect(await environmentStatus(id)).toBe("failed");
    expect(await databaseExists(adminFromEnv(), sqlNames(name).database)).toBe(true);
  }, 240_000);
});
