// A live events.onEvents stream checked its session once, when it opened. It must end once that session
// is signed out or its user disabled, within one re-check (SESSION_RECHECK_MS; injected short here).
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { EnvironmentEventBus } from "@stackyard/deploy";
import { defaultSpec } from "@stackyard/templates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endSession, startSession, userForToken } from "../auth/sessions";
import { createTestUser } from "../auth/test-users.test-helpers";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";
import { SESSION_RECHECK_MS } from "./events";

let db: ScratchDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createScratchDatabase("portal_events_session_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 3 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const bus = new EnvironmentEventBus();
/** Generous: the stream must end within a few re-checks, never wait for this. */
const BOUND_MS = 10_000;

async function environmentWithOperation(name: string) {
  const spec = { ...defaultSpec(), name };
  const environment = await prisma.environment.create({
    data: {
      name,
      target: "local",
      region: "local",
      status: "creating",
      spec,
      operations: { create: { kind: "create", specSnapshot: spec, clientRequestToken: `tok-${name}` } },
    },
    include: { operations: true },
  });
  return { environmentId: environment.id, operationId: environment.operations[0]?.id as string };
}

async function addEvent(ids: { environmentId: string; operationId: string }, n: number) {
  await prisma.stackEvent.create({
    data: {
      ...ids,
      eventId: `e-${n}`,
      logicalResourceId: "Database",
      resourceType: "AWS::RDS::DBInstance",
      resourceStatus: "CREATE_IN_PROGRESS",
      timestamp: new Date(),
    },
  });
  bus.notify(ids.environmentId);
}

async function signedInViewer(): Promise<SessionUser> {
  const user = await createTestUser(prisma, "viewer");
  const { token } = await startSession(prisma, user.id, { address: null, userAgent: null });
  return (await userForToken(prisma, token)) as SessionUser;
}

/** Reads the stream until it ends; resolves to what it saw and how it ended. */
async function drain(stream: AsyncIterable<unknown>, seen: unknown[]) {
  try {
    for await (const event of stream) seen.push(event);
    return "returned";
  } catch (error) {
    return String(error);
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | "still open"> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<"still open">((resolve) => {
    timer = setTimeout(() => resolve("still open"), ms);
  });
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer));
}

describe("events.onEvents and the session behind it", () => {
  it("re-checks at most every 30 seconds", () => {
    expect(SESSION_RECHECK_MS).toBeLessThanOrEqual(30_000);
  });

  for (const [how, end] of [
    ["signs out", (user: SessionUser) => endSession(prisma, user.sessionId)],
    [
      "is disabled",
      (user: SessionUser) =>
        prisma.user
          .update({ where: { id: user.id }, data: { disabledAt: new Date() } })
          .then(() => undefined),
    ],
  ] as const) {
    it(`delivers while the session stands, and ends once its user ${how}`, async () => {
      const ids = await environmentWithOperation(`stream-${how.replace(/\W/g, "")}`);
      const user = await signedInViewer();
      const api = createCaller({ prisma, user, eventBus: bus, sessionRecheckMs: 25 });
      const stream = await api.events.onEvents({ environmentId: ids.environmentId });
      const seen: unknown[] = [];
      const ended = drain(stream as AsyncIterable<unknown>, seen);

      await addEvent(ids, 1);
      await expect.poll(() => seen.length, { timeout: BOUND_MS }).toBe(1);

      await end(user);
      expect(await within(ended, BOUND_MS)).toMatch(/session ended/);
      await addEvent(ids, 2);
      expect(seen).toHaveLength(1);
    });
  }
});
