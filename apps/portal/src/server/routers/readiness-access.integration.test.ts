// Issue 13, item 11: who may run a readiness probe on an environment they do not own. Decided: any
// deployer or admin may (a probe only reads: HTTP requests to the environment's own public address, one
// at a time per environment, audited with the caller); a viewer may not, on any environment. The stored
// results (readiness.list) are visible to every signed-in role.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { defaultSpec } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { PEER_HEADER, peerStamp } from "../http/socket-peer";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";

let db: ScratchDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createScratchDatabase("portal_readiness_access_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

function apiFor(user: SessionUser) {
  const request = new Request("http://127.0.0.1:3000/api/trpc/readiness.run", {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      [PEER_HEADER]: peerStamp({ address: "203.0.113.11", scheme: "http" }),
    },
  });
  return createCaller({ prisma, request, resHeaders: new Headers(), user });
}

async function failure(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("readiness.run on someone else's environment", () => {
  it("is refused to a viewer, and allowed (and audited) for another deployer", async () => {
    const owner = await createTestUser(prisma, "deployer");
    const viewer = await createTestUser(prisma, "viewer");
    const otherDeployer = await createTestUser(prisma, "deployer");
    const spec = { ...defaultSpec(), name: "owned-by-a" };
    const environment = await prisma.environment.create({
      data: { name: spec.name, target: "local", region: "local", status: "pending", spec, ownerId: owner.id },
    });

    const asViewer = await failure(apiFor(viewer).readiness.run({ environmentId: environment.id }));
    expect(asViewer.code).toBe("FORBIDDEN");
    expect(await prisma.auditEntry.count({ where: { action: "environment.readiness" } })).toBe(0);
    expect(await apiFor(viewer).readiness.list({ environmentId: environment.id })).toBeDefined();

    // Past the access rule: refused only because a pending environment has nothing to probe yet.
    const asDeployer = await failure(apiFor(otherDeployer).readiness.run({ environmentId: environment.id }));
    expect(asDeployer.code).toBe("PRECONDITION_FAILED");
    const audit = await prisma.auditEntry.findMany({ where: { action: "environment.readiness" } });
    expect(audit).toMatchObject([{ actorEmail: otherDeployer.email, targetId: environment.id }]);
  });
});
