import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "./client.js";
import type { PrismaClient } from "./generated/prisma/client.js";
import { migrate } from "./migrate.js";
import { createScratchDatabase, type ScratchDatabase } from "./testing.js";

let db: ScratchDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createScratchDatabase();
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

function event(eventId: string, environmentId: string, operationId: string, status: string) {
  return {
    eventId,
    environmentId,
    operationId,
    logicalResourceId: "Vpc",
    resourceType: "AWS::EC2::VPC",
    resourceStatus: status,
    timestamp: new Date("2026-11-28T10:00:00Z"),
  };
}

describe("portal database through the MariaDB driver adapter", () => {
  it("stores an environment with its spec and first operation", async () => {
    const environment = await prisma.environment.create({
      data: {
        name: "notes-prod",
        target: "local",
        region: "us-east-1",
        spec: { name: "notes-prod", network: { azCount: 2 } },
        operations: { create: { kind: "create", specSnapshot: {}, clientRequestToken: "tok-1" } },
      },
      include: { operations: true },
    });
    expect(environment.status).toBe("draft");
    expect(environment.spec).toEqual({ name: "notes-prod", network: { azCount: 2 } });
    expect(environment.operations[0]?.status).toBe("pending");
  });

  it("refuses a second environment with the same name, target and region", async () => {
    const data = { name: "dup", target: "aws" as const, region: "eu-west-1", spec: {} };
    await prisma.environment.create({ data });
    await expect(prisma.environment.create({ data })).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps one row per CloudFormation EventId however often events are re-polled", async () => {
    const env = await prisma.environment.create({
      data: { name: "events", target: "local", region: "local", spec: {} },
    });
    const op = await prisma.operation.create({
      data: { environmentId: env.id, kind: "create", specSnapshot: {}, clientRequestToken: "tok-events" },
    });
    const batch = [
      event("e-1", env.id, op.id, "CREATE_IN_PROGRESS"),
      event("e-2", env.id, op.id, "CREATE_COMPLETE"),
    ];
    const first = await prisma.stackEvent.createMany({ data: batch, skipDuplicates: true });
    const again = await prisma.stackEvent.createMany({ data: batch, skipDuplicates: true });
    expect([first.count, again.count]).toEqual([2, 0]);
    const stored = await prisma.stackEvent.findMany({
      where: { operationId: op.id },
      orderBy: { id: "asc" },
    });
    expect(stored.map((e) => e.resourceStatus)).toEqual(["CREATE_IN_PROGRESS", "CREATE_COMPLETE"]);
    expect(stored[1]?.id).toBeGreaterThan(stored[0]?.id ?? 0n);
  });

  it("deletes an environment's operations and events with it", async () => {
    const env = await prisma.environment.create({
      data: { name: "gone", target: "local", region: "local", spec: {} },
    });
    const op = await prisma.operation.create({
      data: { environmentId: env.id, kind: "create", specSnapshot: {}, clientRequestToken: "tok-gone" },
    });
    await prisma.stackEvent.create({ data: event("e-gone", env.id, op.id, "CREATE_COMPLETE") });
    await prisma.environment.delete({ where: { id: env.id } });
    expect(await prisma.operation.count({ where: { environmentId: env.id } })).toBe(0);
    expect(await prisma.stackEvent.count({ where: { environmentId: env.id } })).toBe(0);
  });
});
