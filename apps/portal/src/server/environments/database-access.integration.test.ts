// "Connect to the database" on the local target: the command the dashboard shows really connects (run here
// with bash, as a user would paste it), and the procedure's answer never holds the password.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import { newDriver, removeDataDir, tempDataDir, uniqueStackName } from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";

const WAIT = { timeout: 120_000, interval: 200 };
const dataDir = tempDataDir();
const driver = newDriver(dataDir);
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let deployer: SessionUser;
let viewer: SessionUser;

beforeAll(async () => {
  db = await createScratchDatabase("portal_db_access");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 4 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  deployer = await createTestUser(prisma, "deployer");
  viewer = await createTestUser(prisma, "viewer");
}, 60_000);

afterAll(async () => {
  removeDataDir(dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 60_000);

it("the local command connects to the sandbox database, and no answer holds the password", async () => {
  const name = uniqueStackName("dbaccess");
  const caller = createCaller({ prisma, user: deployer, deploy: engine });
  const { environmentId: id } = await caller.environments.launch({
    target: "local",
    spec: { ...defaultSpec(), name, database: { ...defaultSpec().database, deletionProtection: false } },
    clientRequestToken: `launch-${name}`,
  });
  const asViewer = createCaller({ prisma, user: viewer });
  expect(await asViewer.environments.databaseAccess({ id })).toMatchObject({
    available: false,
    reason: expect.stringContaining("once the stack has been created"),
  });
  await expect.poll(async () => (await caller.environments.get({ id })).status, WAIT).toBe("live");

  const access = await asViewer.environments.databaseAccess({ id });
  if (!access.available) throw new Error(access.reason);
  expect(access.mode).toBe("local");
  const outputs = (await caller.environments.get({ id })).outputs as Record<string, string>;
  const secretFile = outputs.DbSecretArn?.replace("file://", "") ?? "";
  const { password, username } = JSON.parse(readFileSync(secretFile, "utf8")) as {
    password: string;
    username: string;
  };
  expect(password.length).toBeGreaterThan(8);
  expect(JSON.stringify(access)).not.toContain(password);
  expect(JSON.stringify(await caller.environments.get({ id }))).not.toContain(password);

  const [step] = access.steps;
  const output = execFileSync(
    "bash",
    ["-c", `${step?.command} --batch --skip-column-names -e 'SELECT CURRENT_USER(), DATABASE()'`],
    {
      encoding: "utf8",
      timeout: 30_000,
    },
  );
  // The sandbox's user is granted from the loopback address only.
  expect(output.trim()).toBe(`${username}@127.0.0.1\t${outputs.DbName}`);

  await caller.environments.delete({ id });
  await expect.poll(async () => (await caller.environments.get({ id })).status, WAIT).toBe("deleted");
  expect(await asViewer.environments.databaseAccess({ id })).toMatchObject({ available: false });
}, 240_000);
