// Ownership and the audit trail of launch and delete: a deployer changes only what it owns, an admin
// anything, a viewer nothing; each attempt leaves an entry with the actor, the outcome and the spec diff.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";

vi.mock("../aws-identity", () => ({
  currentAwsIdentity: async () => ({ available: false, reason: "not in tests" }),
}));

let db: ScratchDatabase;
let prisma: PrismaClient;
const users = {} as Record<"alice" | "bob" | "admin" | "viewer", SessionUser>;
beforeAll(async () => {
  db = await createScratchDatabase("portal_owner_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
  users.alice = await createTestUser(prisma, "deployer", "alice@example.test");
  users.bob = await createTestUser(prisma, "deployer", "bob@example.test");
  users.admin = await createTestUser(prisma, "admin", "admin@example.test");
  users.viewer = await createTestUser(prisma, "viewer", "viewer@example.test");
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const as = (who: keyof typeof users) => createCaller({ prisma, user: users[who] });
let tokens = 0;
const token = () => `owner-${Date.now()}-${++tokens}`;

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

async function launchedBy(who: "alice" | "bob", name: string) {
  const { environmentId } = await as(who).environments.launch({
    target: "local",
    spec: { name },
    clientRequestToken: token(),
  });
  // As if the engine had finished: only live (or failed) environments can be deleted.
  await prisma.environment.update({ where: { id: environmentId }, data: { status: "live" } });
  return environmentId;
}

describe("ownership", () => {
  it("makes the launching deployer the owner and records the launch with its spec diff", async () => {
    const id = await launchedBy("alice", "alice-env");
    expect((await prisma.environment.findUniqueOrThrow({ where: { id } })).ownerId).toBe(users.alice.id);
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "environment.launch", targetId: id },
    });
    expect(entry).toMatchObject({
      outcome: "success",
      actorId: users.alice.id,
      actorEmail: "alice@example.test",
    });
    expect((entry.detail as { changes: unknown[] }).changes).toContainEqual({
      path: "name",
      after: "alice-env",
    });
  });

  it("refuses another deployer's delete (audited as refused) and lets the owner and admins delete", async () => {
    const id = await launchedBy("alice", "shared-env");
    const refused = await rejection(as("bob").environments.delete({ id }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toBe(
      "shared-env belongs to another user; only its owner or an admin may change it.",
    );
    expect(
      await prisma.auditEntry.findFirst({
        where: { action: "environment.delete", targetId: id, outcome: "refused", actorId: users.bob.id },
      }),
    ).not.toBeNull();

    const other = await launchedBy("bob", "bobs-env");
    expect(await as("admin").environments.delete({ id: other })).toMatchObject({ removedDraft: false });
    expect(await as("alice").environments.delete({ id })).toMatchObject({ removedDraft: false });
    const done = await prisma.auditEntry.findMany({
      where: { action: "environment.delete", outcome: "success" },
    });
    expect(done.map((e) => e.actorEmail).sort()).toEqual(["admin@example.test", "alice@example.test"]);
  });

  it("keeps another deployer out of a draft it does not own", async () => {
    const draft = await as("alice").environments.saveDraft({
      target: "local",
      spec: { name: "alice-draft" },
    });
    const error = await rejection(
      as("bob").environments.saveDraft({ id: draft.id, target: "local", spec: { name: "mine-now" } }),
    );
    expect(error.code).toBe("FORBIDDEN");
    const launch = await rejection(
      as("bob").environments.launch({
        draftId: draft.id,
        target: "local",
        spec: { name: "mine-now" },
        clientRequestToken: token(),
      }),
    );
    expect(launch.code).toBe("FORBIDDEN");
  });

  it("refuses a viewer's launch before anything is recorded", async () => {
    const before = await prisma.environment.count();
    const error = await rejection(
      as("viewer").environments.launch({
        target: "local",
        spec: { name: "nope" },
        clientRequestToken: token(),
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("This needs the deployer role; you are signed in as a viewer.");
    expect(await prisma.environment.count()).toBe(before);
  });

  // A refused spec is recorded by its error alone, never as sent (issue 13, item 4: audit poisoning).
  it("records a refused launch with the reason, and not the unvalidated spec", async () => {
    await rejection(
      as("alice").environments.launch({
        target: "local",
        spec: { name: "Bad Name!" },
        clientRequestToken: token(),
      }),
    );
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "environment.launch", outcome: "failure" },
    });
    expect(entry.detail).toMatchObject({ target: "local", error: expect.stringMatching(/error/) });
    expect(entry.detail).not.toHaveProperty("changes");
  });
});
