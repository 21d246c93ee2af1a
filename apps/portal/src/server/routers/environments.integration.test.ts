import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { TRPCError } from "@trpc/server";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { forgetAwsIdentity } from "../aws-identity";
import { LIST_LIMIT } from "../environments/inputs";
import { fieldErrorsOf } from "../field-errors";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";

let db: ScratchDatabase;
let prisma: PrismaClient;
let deployer: SessionUser;
beforeAll(async () => {
  db = await createScratchDatabase("portal_env_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
  deployer = await createTestUser(prisma, "deployer");
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});
const sts = mockClient(STSClient);
beforeEach(async () => {
  sts.reset();
  forgetAwsIdentity();
  await prisma.operation.deleteMany();
  await prisma.environment.deleteMany();
});

const api = () => createCaller({ prisma, user: deployer });
let tokens = 0;
const token = () => `launch-${Date.now()}-${++tokens}`;

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("environments.saveDraft", () => {
  it("round-trips exactly what was typed, even when it is not valid yet", async () => {
    const typed = { name: "notes-dev", network: { vpcCidr: "10.0.0.0/1", azCount: "3x" }, app: { cpu: 300 } };
    const saved = await api().environments.saveDraft({ target: "local", spec: typed });
    expect(saved.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(["network.vpcCidr", "network.azCount", "app.cpu"]),
    );
    const restored = await api().environments.get({ id: saved.id });
    expect(restored).toMatchObject({ status: "draft", name: "notes-dev", target: "local", spec: typed });

    const edited = { ...typed, name: "notes-stage" };
    await api().environments.saveDraft({ id: saved.id, target: "local", spec: edited });
    expect((await api().environments.get({ id: saved.id })).spec).toEqual(edited);
    expect(await prisma.environment.count()).toBe(1);
  });

  it("reports a name already taken at the name field", async () => {
    await api().environments.saveDraft({ target: "local", spec: { name: "taken" } });
    const error = await rejection(api().environments.saveDraft({ target: "local", spec: { name: "taken" } }));
    expect(error.code).toBe("CONFLICT");
    expect(fieldErrorsOf(error.cause)).toEqual([
      { path: "name", message: expect.stringMatching(/named taken already exists in the local sandbox/) },
    ]);
  });
});

describe("environments.launch", () => {
  it("refuses an invalid spec with every field path and stores nothing", async () => {
    const spec = {
      name: "bad",
      network: { publicSubnets: ["10.0.0.0/20", "10.0.0.0/20"] },
      bastion: { access: "ssh", sshAllowedCidr: "0.0.0.0/0" },
    };
    const error = await rejection(
      api().environments.launch({ target: "local", spec, clientRequestToken: token() }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(error.cause)).toEqual(
      expect.arrayContaining([
        { path: "network.publicSubnets.1", message: expect.stringMatching(/overlaps 10\.0\.0\.0\/20/) },
        {
          path: "bastion.sshAllowedCidr",
          message: expect.stringMatching(/never be open to the whole internet/),
        },
      ]),
    );
    expect(await prisma.environment.count()).toBe(0);
    expect(await prisma.operation.count()).toBe(0);
  });

  it("records the environment and its first operation as pending, once per request token", async () => {
    const draft = await api().environments.saveDraft({ target: "local", spec: { name: "notes-prod" } });
    const clientRequestToken = token();
    const launched = await api().environments.launch({
      draftId: draft.id,
      target: "local",
      spec: { name: "notes-prod" },
      clientRequestToken,
    });
    expect(launched.environmentId).toBe(draft.id);
    const again = await api().environments.launch({
      draftId: draft.id,
      target: "local",
      spec: { name: "notes-prod" },
      clientRequestToken,
    });
    expect(again).toEqual(launched);

    const [row] = await api().environments.list();
    expect(row).toMatchObject({
      name: "notes-prod",
      status: "pending",
      monthlyCostUsd: expect.any(Number),
      lastOperation: { kind: "create", status: "pending" },
    });
    const stored = await api().environments.get({ id: draft.id });
    expect(stored.spec).toMatchObject({
      network: { vpcCidr: "10.0.0.0/16", publicSubnets: ["10.0.0.0/20", "10.0.16.0/20"] },
    });
  });

  it("launches the autosaved draft of the same name when Launch comes before the draft's id", async () => {
    const draft = await api().environments.saveDraft({ target: "local", spec: { name: "raced" } });
    const launched = await api().environments.launch({
      target: "local",
      spec: { name: "raced" },
      clientRequestToken: token(),
    });
    expect(launched.environmentId).toBe(draft.id);
    expect((await api().environments.get({ id: draft.id })).status).toBe("pending");
  });

  it("launches a new environment under a deleted one's name; the deleted one keeps its name and history", async () => {
    const first = await api().environments.launch({
      target: "local",
      spec: { name: "reused" },
      clientRequestToken: token(),
    });
    const whileLive = await rejection(
      api().environments.launch({ target: "local", spec: { name: "reused" }, clientRequestToken: token() }),
    );
    expect(whileLive.code).toBe("CONFLICT");
    // What the tracker records when the delete operation completes.
    await prisma.environment.update({ where: { id: first.environmentId }, data: { status: "deleted" } });
    const second = await api().environments.launch({
      target: "local",
      spec: { name: "reused" },
      clientRequestToken: token(),
    });
    expect(second.environmentId).not.toBe(first.environmentId);
    const rows = await api().environments.list({ name: "reused" });
    expect(rows.map((r) => [r.name, r.status]).sort()).toEqual([
      ["reused", "deleted"],
      ["reused", "pending"],
    ]);
  });

  it("refuses AWS without credentials, at the target field; launches there once they work", async () => {
    const missing = Object.assign(new Error("no credentials"), { name: "CredentialsProviderError" });
    sts.on(GetCallerIdentityCommand).rejects(missing);
    const error = await rejection(
      api().environments.launch({ target: "aws", spec: {}, clientRequestToken: token() }),
    );
    expect(fieldErrorsOf(error.cause)).toEqual([
      { path: "target", message: "No AWS credentials are configured on the portal server" },
    ]);
    expect(await prisma.environment.count()).toBe(0);

    forgetAwsIdentity();
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: "123456789012", Arn: "arn:aws:iam::123456789012:user/ci" });
    await api().environments.launch({ target: "aws", spec: { name: "cloud" }, clientRequestToken: token() });
    expect(await api().environments.list()).toMatchObject([
      { name: "cloud", target: "aws", region: "us-east-1" },
    ]);
  });
});

describe("environments.list and delete", () => {
  it("filters by name and status; a deleted draft disappears", async () => {
    const alpha = await api().environments.saveDraft({ target: "local", spec: { name: "alpha" } });
    await api().environments.launch({ target: "local", spec: { name: "beta" }, clientRequestToken: token() });
    expect((await api().environments.list({ name: "alp" })).map((e) => e.name)).toEqual(["alpha"]);
    expect((await api().environments.list({ statuses: ["pending"] })).map((e) => e.name)).toEqual(["beta"]);

    expect(await api().environments.delete({ id: alpha.id })).toEqual({ removedDraft: true });
    expect((await api().environments.list()).map((e) => e.name)).toEqual(["beta"]);
  });

  it(`shows the ${LIST_LIMIT} most recently updated environments, and the filters reach the others`, async () => {
    const updated = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000);
    await prisma.environment.createMany({
      data: Array.from({ length: LIST_LIMIT + 1 }, (_, i) => ({
        name: `bulk-${i}`,
        target: "local" as const,
        region: "us-east-1",
        spec: { name: `bulk-${i}` },
        updatedAt: updated(i),
      })),
    });
    const rows = await api().environments.list();
    expect(rows).toHaveLength(LIST_LIMIT);
    expect(rows[0]?.name).toBe(`bulk-${LIST_LIMIT}`);
    expect(rows.map((r) => r.name)).not.toContain("bulk-0");
    expect((await api().environments.list({ name: "bulk-0" })).map((r) => r.name)).toEqual(["bulk-0"]);
  });

  it("refuses to delete while an operation is pending", async () => {
    const { environmentId } = await api().environments.launch({
      target: "local",
      spec: { name: "busy" },
      clientRequestToken: token(),
    });
    const error = await rejection(api().environments.delete({ id: environmentId }));
    expect(error.message).toMatch(/is pending; wait until its operation finishes/);
  });
});
