// environments.logs' answers that need no target: a target without logs, AWS refusing the read (what the
// user is told), the inputs' checks. The reads themselves: logs.integration.test.ts (local sandbox) and
// packages/deploy/src/aws/logs.test.ts (CloudWatch at the SDK boundary).
import type { PrismaClient } from "@stackyard/db";
import type { DeployDriver, LogReader } from "@stackyard/deploy";
import { describe, expect, it } from "vitest";
import { logsInput, onLogsInput, readLogs } from "./logs";

const ID = "6f1d2c3b-4a59-4e7f-8a1b-2c3d4e5f6a7b";
const prisma = {
  environment: {
    findUnique: async () => ({
      id: ID,
      name: "notes-prod",
      stackId: "arn:stack",
      target: "aws",
      region: "us-east-1",
    }),
  },
} as unknown as PrismaClient;
const failing = (name: string): LogReader => ({
  read: async () => {
    throw Object.assign(new Error("no"), { name });
  },
  tasks: async () => [],
  tail: async function* () {},
});
const driverWith = (logs?: LogReader) => () => ({ target: "aws", logs }) as unknown as DeployDriver;
const input = logsInput.parse({ id: ID });

describe("readLogs", () => {
  it("says a target keeps no logs rather than failing", async () => {
    expect(await readLogs(prisma, input, driverWith(undefined))).toEqual({
      lines: [],
      hasOlder: false,
      tasks: [],
      available: false,
    });
  });

  it("names the missing permission when AWS refuses, and the gone log group", async () => {
    await expect(readLogs(prisma, input, driverWith(failing("AccessDeniedException")))).rejects.toThrow(
      /may not read this environment's logs \(logs:FilterLogEvents/,
    );
    await expect(readLogs(prisma, input, driverWith(failing("ResourceNotFoundException")))).rejects.toThrow(
      /log group no longer exists/,
    );
  });

  it("refuses a range that ends before it starts", async () => {
    const backwards = logsInput.parse({ id: ID, since: new Date(2_000), until: new Date(1_000) });
    await expect(readLogs(prisma, backwards, driverWith(failing("x")))).rejects.toThrow(
      /since must not be after until/,
    );
  });
});

describe("the inputs", () => {
  it("takes only cursors the targets hand out, and bounded filters", () => {
    expect(onLogsInput.safeParse({ id: ID, lastEventId: "L1:notes-api-20001.12.345" }).success).toBe(true);
    expect(onLogsInput.safeParse({ id: ID, lastEventId: "A1:1765071400000:abc,def" }).success).toBe(true);
    const bad = onLogsInput.safeParse({ id: ID, lastEventId: "../etc/passwd" });
    expect(bad.error?.issues[0]?.message).toBe("must be a log cursor from an earlier stream");
    expect(logsInput.safeParse({ id: ID, limit: 5_000 }).success).toBe(false);
    expect(logsInput.safeParse({ id: ID, filter: { level: "loud" } }).success).toBe(false);
    expect(logsInput.safeParse({ id: ID, filter: { text: "x".repeat(201) } }).error?.issues[0]?.message).toBe(
      "at most 200 characters",
    );
  });
});
