// Issue 13, item 1: one user must never destroy another's environment. Deployer A launches an environment
// on the local sandbox; deployer B tries what used to work (the same name in another region, then deleting
// B's own failed environment, which stopped A's processes and dumped A's database) and whatever else names
// A's stack. A's environment stays live, its processes keep running, its app keeps serving.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine, type StackRef } from "@stackyard/deploy";
import { LocalSandboxDriver } from "@stackyard/deploy/local";
import {
  deleteStackAndData,
  recordedProcesses,
  runningCount,
  tempDataDir,
  uniqueStackName,
} from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { fieldErrorsOf } from "../field-errors";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

/** The local driver, counting the deletes it is asked for. */
class CountingDriver extends LocalSandboxDriver {
  deletes: StackRef[] = [];
  override async delete(stack: StackRef | string, token: string): Promise<void> {
    if (typeof stack !== "string") this.deletes.push(stack);
    return super.delete(stack, token);
  }
}

const WAIT = { timeout: 90_000, interval: 200 };
// Unprotected: the cleanup deletes the stack directly (a protected database refuses, as RDS does).
const unprotected = () => ({
  ...defaultSpec(),
  database: { ...defaultSpec().database, deletionProtection: false },
});
const dataDir = tempDataDir();
const driver = new CountingDriver({ dataDir, readyTimeoutMs: 60_000 });
const name = uniqueStackName("shop");
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let deployerA: SessionUser;
let deployerB: SessionUser;
let environmentA = "";

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine });
const statusOf = async (id: string) => (await prisma.environment.findUniqueOrThrow({ where: { id } })).status;
const appServes = async () => {
  const { outputs } = await prisma.environment.findUniqueOrThrow({ where: { id: environmentA } });
  return (await fetch(`${(outputs as { AppUrl: string }).AppUrl}/healthz`)).status;
};

beforeAll(async () => {
  db = await createScratchDatabase("portal_ownership");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  [deployerA, deployerB] = await Promise.all([
    createTestUser(prisma, "deployer"),
    createTestUser(prisma, "deployer"),
  ]);
  const launched = await as(deployerA).environments.launch({
    target: "local",
    spec: { ...unprotected(), name, region: "us-east-1" },
    clientRequestToken: `launch-${name}`,
  });
  environmentA = launched.environmentId;
  const deadline = Date.now() + WAIT.timeout;
  while ((await statusOf(environmentA)) !== "live") {
    if (Date.now() > deadline)
      throw new Error(`A's environment did not become live (${await statusOf(environmentA)})`);
    await new Promise((resolve) => setTimeout(resolve, WAIT.interval));
  }
}, 120_000);

afterAll(async () => {
  await deleteStackAndData(driver, name, dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 120_000);

describe("another deployer against A's local environment", () => {
  it("cannot launch the same name in another region: the sandbox is one region", async () => {
    const error = await as(deployerB)
      .environments.launch({
        target: "local",
        spec: { ...unprotected(), name, region: "us-west-2" },
        clientRequestToken: `launch-b-${name}`,
      })
      .then(
        () => null,
        (e: unknown) => e as Error,
      );
    expect(fieldErrorsOf((error as { cause?: unknown } | null)?.cause)).toEqual([
      { path: "name", message: expect.stringMatching(/already exists in the local sandbox/) },
    ]);
    expect(await prisma.environment.count({ where: { name } })).toBe(1);
  });

  it("deleting an environment that never owned a stack asks the target nothing", async () => {
    // What B's refused launch left behind before names were unique across regions: a failed environment
    // with no stack. The delete used to go to the driver by name, i.e. to A's stack.
    const orphan = await prisma.environment.create({
      data: {
        name: `${name}-b`,
        region: "us-west-2",
        target: "local",
        status: "failed",
        spec: {},
        ownerId: deployerB.id,
      },
    });
    await as(deployerB).environments.delete({ id: orphan.id });
    await expect.poll(() => statusOf(orphan.id), WAIT).toBe("deleted");
    expect(driver.deletes).toEqual([]);
    expect(await statusOf(environmentA)).toBe("live");
    expect(runningCount(recordedProcesses(dataDir, name))).toBe(3);
    expect(await appServes()).toBe(200);
  });

  it("the driver refuses to delete, describe or update a stack for an environment that does not own it", async () => {
    const foreign: StackRef = { stackName: name, stackId: null, environmentId: "not-the-owner" };
    await expect(driver.delete(foreign, "foreign-delete")).rejects.toThrow(/belongs to another environment/);
    expect(await driver.describe(foreign)).toBeNull();
    expect(await driver.eventsSince(foreign)).toEqual([]);
    const wrongStack: StackRef = {
      stackName: name,
      stackId: "arn:local:stack/other",
      environmentId: environmentA,
    };
    await expect(driver.delete(wrongStack, "wrong-stack-delete")).rejects.toThrow(
      /belongs to another environment/,
    );
    expect(runningCount(recordedProcesses(dataDir, name))).toBe(3);
    expect(await appServes()).toBe(200);
    const own = await prisma.environment.findUniqueOrThrow({ where: { id: environmentA } });
    expect(own.stackId).toMatch(new RegExp(name));
    expect(
      (await driver.describe({ stackName: name, stackId: own.stackId, environmentId: own.id }))?.status,
    ).toBe("CREATE_COMPLETE");
  });
});
