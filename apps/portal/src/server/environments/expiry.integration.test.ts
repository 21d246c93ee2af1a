// Preview environments (issue 14): an expiry set at launch or with setExpiry, and the scheduler that deletes
// an expired environment through the normal delete flow (the local delete keeps a dump), once, however
// many portal processes run it, audited as the system.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { DeployEngine } from "@stackyard/deploy";
import { stackPaths } from "@stackyard/deploy/local";
import { newDriver, removeDataDir, tempDataDir, uniqueStackName } from "@stackyard/deploy/testing";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { claimNamedLease } from "../named-lease";
import { createCaller } from "../routers/_app";
import type { SessionUser } from "../trpc";
import { EXPIRY_LEASE, ExpiryScheduler, SYSTEM_ACTOR } from "./expiry-scheduler";

const WAIT = { timeout: 120_000, interval: 200 };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const dataDir = tempDataDir();
const driver = newDriver(dataDir);
let db: ScratchDatabase;
let prisma: PrismaClient;
let engine: DeployEngine;
let owner: SessionUser;
let otherDeployer: SessionUser;
let viewer: SessionUser;

const as = (user: SessionUser) => createCaller({ prisma, user, deploy: engine });
const environment = (id: string) => prisma.environment.findUniqueOrThrow({ where: { id } });
const scheduler = (owner: string, now = () => new Date()) =>
  new ExpiryScheduler({ prisma, starter: engine, intervalMs: 1_000, owner, now });

async function launched(name: string, expiresAt?: Date): Promise<string> {
  const { environmentId } = await as(owner).environments.launch({
    target: "local",
    // Unprotected, so that the delete is one phase (protected deletes have their own tests).
    spec: { ...defaultSpec(), name, database: { ...defaultSpec().database, deletionProtection: false } },
    clientRequestToken: `launch-${name}`,
    expiresAt,
  });
  return environmentId;
}

beforeAll(async () => {
  db = await createScratchDatabase("portal_expiry");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 6 });
  engine = new DeployEngine({ prisma, driverFor: () => driver, intervalMs: () => 100 });
  owner = await createTestUser(prisma, "deployer");
  otherDeployer = await createTestUser(prisma, "deployer");
  viewer = await createTestUser(prisma, "viewer");
}, 60_000);

afterAll(async () => {
  removeDataDir(dataDir);
  await prisma?.$disconnect();
  await db?.drop();
}, 60_000);

describe("an expiry", () => {
  it("is refused at launch in the past or more than 90 days ahead, naming the field", async () => {
    const name = uniqueStackName("exppast");
    await expect(launched(name, new Date(Date.now() - MINUTE))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^expiresAt must be in the future/),
    });
    await expect(launched(name, new Date(Date.now() + 91 * DAY))).rejects.toMatchObject({
      message: expect.stringMatching(/^expiresAt must be at most 90 days ahead/),
    });
    expect(await prisma.environment.count({ where: { name } })).toBe(0);
  });

  it("set at launch is kept, listed, changed and cleared by the owner only, each change audited", async () => {
    const at = new Date(Date.now() + 2 * 60 * MINUTE);
    const id = await launched(uniqueStackName("expset"), at);
    expect((await environment(id)).expiresAt).toEqual(at);
    const row = (await as(viewer).environments.list()).find((e) => e.id === id);
    expect(row?.expiresAt).toEqual(at);

    await expect(as(viewer).environments.setExpiry({ id, expiresAt: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(as(otherDeployer).environments.setExpiry({ id, expiresAt: null })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      as(owner).environments.setExpiry({ id, expiresAt: new Date(Date.now() - 1_000) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("in the future") });
    // An ISO string is what a client without superjson (the CLI, curl) sends.
    await expect(
      as(owner).environments.setExpiry({ id, expiresAt: "tomorrow" as unknown as Date }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("must be a date and time"),
    });
    const later = new Date(Date.now() + 3 * DAY);
    await as(owner).environments.setExpiry({ id, expiresAt: later.toISOString() as unknown as Date });
    expect((await environment(id)).expiresAt).toEqual(later);
    await as(owner).environments.setExpiry({ id, expiresAt: null });
    expect((await environment(id)).expiresAt).toBeNull();

    // A viewer is turned away by the procedure's role check, before anything is audited.
    const entries = await prisma.auditEntry.findMany({
      where: { action: "environment.set_expiry", targetId: id },
      orderBy: { id: "asc" },
    });
    expect(
      entries.map((e) => [e.outcome, e.actorEmail, (e.detail as { expiresAt: unknown }).expiresAt]),
    ).toEqual([
      ["refused", otherDeployer.email, null],
      ["failure", owner.email, expect.any(String)],
      ["success", owner.email, later.toISOString()],
      ["success", owner.email, null],
    ]);
    await expect.poll(async () => (await environment(id)).status, WAIT).toBe("live");
  }, 180_000);

  it("cannot be given to a draft", async () => {
    const draft = await as(owner).environments.saveDraft({ target: "local", spec: { name: "expdraft" } });
    await expect(
      as(owner).environments.setExpiry({ id: draft.id, expiresAt: new Date(Date.now() + DAY) }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("draft") });
  });
});

describe("the expiry scheduler", () => {
  it("deletes an expired environment once with two schedulers racing, keeps a dump, audits the system", async () => {
    const name = uniqueStackName("expire");
    const id = await launched(name, new Date(Date.now() + MINUTE));
    await expect.poll(async () => (await environment(id)).status, WAIT).toBe("live");
    // Both schedulers see a clock two minutes ahead: the environment's minute has passed for them.
    const ahead = () => new Date(Date.now() + 2 * MINUTE);
    const [a, b] = [scheduler("replica-a", ahead), scheduler("replica-b", ahead)];
    const started = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(started.flat()).toEqual([id]);
    await expect.poll(async () => (await environment(id)).status, WAIT).toBe("deleted");
    // The lease holder stops; the other replica takes over and finds nothing left to do.
    await Promise.all([a.stop(), b.stop()]);
    expect(await b.tick()).toEqual([]);

    const deletes = await prisma.operation.findMany({ where: { environmentId: id, kind: "delete" } });
    expect(deletes.map((o) => o.status)).toEqual(["succeeded"]);
    expect((await environment(id)).expiresAt).toBeNull();
    const dumps = readdirSync(stackPaths(join(dataDir, "sandbox"), name).dumps);
    expect(dumps.filter((file) => file.endsWith(".sql"))).toHaveLength(1);
    const audit = await prisma.auditEntry.findMany({ where: { action: "environment.delete", targetId: id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: "success", actorId: null, actorEmail: SYSTEM_ACTOR });
    expect(audit[0]?.detail).toMatchObject({ reason: "expired", operationId: deletes[0]?.id });
  }, 240_000);

  it("leaves environments that have not expired, and is held by one replica until its lease lapses", async () => {
    const id = await launched(uniqueStackName("expnot"), new Date(Date.now() + 10 * MINUTE));
    await expect.poll(async () => (await environment(id)).status, WAIT).toBe("live");
    expect(await scheduler("replica-c").tick()).toEqual([]);
    expect((await environment(id)).status).toBe("live");
    // replica-c holds the lease (about 30 s): replica-d may not run meanwhile, however late its clock.
    expect(await claimNamedLease(prisma, EXPIRY_LEASE, "replica-d", 30_000)).toBe(false);
    expect(await scheduler("replica-d", () => new Date(Date.now() + 20 * MINUTE)).tick()).toEqual([]);
    expect((await environment(id)).status).toBe("live");
    await prisma.lease.update({
      where: { name: EXPIRY_LEASE },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await claimNamedLease(prisma, EXPIRY_LEASE, "replica-d", 30_000)).toBe(true);
    await as(owner).environments.delete({ id });
    await expect.poll(async () => (await environment(id)).status, WAIT).toBe("deleted");
  }, 240_000);
});
