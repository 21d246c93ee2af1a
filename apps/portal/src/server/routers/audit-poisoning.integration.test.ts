// Issue 13, item 4: a refused launch must not write what it was sent into the append-only audit log (a
// megabyte, or a key superjson refuses, which made audit.list a 500 forever); drafts likewise.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../auth/test-users.test-helpers";
import { type Client, httpClient } from "../http/http.test-helpers";

/** The cap (written out, so the test does not depend on the code it checks). */
const MAX_DETAIL_BYTES = 16 * 1024;

let db: ScratchDatabase;
let prisma: PrismaClient;
let admin: Client;
let deployer: Client;
beforeAll(async () => {
  db = await createScratchDatabase("portal_audit_poison_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
  admin = httpClient(prisma, await createTestUser(prisma, "admin"));
  deployer = httpClient(prisma, await createTestUser(prisma, "deployer"));
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function auditList() {
  const response = await admin.query("audit.list", { action: "environment.launch" });
  expect(response.status).toBe(200);
  return (await response.json()).result.data.json.entries as { outcome: string; detail: unknown }[];
}

describe("audit log poisoning", () => {
  it("records a refused launch by its error only, not the megabyte of spec it was sent", async () => {
    const junk = "x".repeat(300_000);
    const response = await deployer.mutate("environments.launch", {
      target: "local",
      clientRequestToken: "poison-size-1",
      spec: { name: "big", padding: junk, subnets: [junk] },
    });
    expect(response.status).toBe(400);
    const [entry] = await auditList();
    expect(entry?.outcome).toBe("failure");
    const stored = JSON.stringify(entry?.detail);
    expect(stored.length).toBeLessThan(MAX_DETAIL_BYTES);
    expect(stored).not.toContain("xxxxxxxx");
    expect(entry?.detail).toMatchObject({ target: "local", error: expect.stringMatching(/error/) });
  });

  it("keeps audit.list readable after a launch whose spec carries a `constructor` key", async () => {
    const response = await deployer.mutate("environments.launch", {
      target: "local",
      clientRequestToken: "poison-key-1",
      spec: { name: "poison", network: { publicSubnets: [{ constructor: { x: 1 } }] } },
    });
    expect(response.status).toBe(400);
    expect((await auditList()).length).toBe(2);
  });

  it("keeps audit.list readable even over an entry stored before the rule (append-only: it stays)", async () => {
    await prisma.auditEntry.create({
      data: {
        action: "environment.launch",
        outcome: "failure",
        detail: { changes: [{ path: "x", after: [{ constructor: 1, prototype: 2, ok: 3 }] }] },
      },
    });
    const [entry] = await auditList();
    expect(entry?.detail).toEqual({ changes: [{ path: "x", after: [{ ok: 3 }] }] });
  });

  it("caps any entry at 16 KiB", async () => {
    const { recordAudit } = await import("../audit/record");
    await recordAudit(prisma, {
      action: "environment.update",
      outcome: "success",
      actor: null,
      detail: { planId: "p", changes: [{ path: "a", after: "y".repeat(100_000) }] },
    });
    const entry = await prisma.auditEntry.findFirst({ where: { action: "environment.update" } });
    expect(Buffer.byteLength(JSON.stringify(entry?.detail))).toBeLessThanOrEqual(MAX_DETAIL_BYTES);
    expect(entry?.detail).toMatchObject({ planId: "p", truncated: true });
  });
});

describe("drafts", () => {
  it("strips `constructor`, `__proto__` and `prototype` keys so environments.get still answers", async () => {
    const saved = await deployer.mutate(
      "environments.saveDraft",
      `{"json":{"target":"local","spec":{"name":"drafty","constructor":{"a":1},"app":{"prototype":1,"__proto__":{"b":2},"cpu":256}}}}`,
    );
    expect(saved.status).toBe(200);
    const { id } = (await saved.json()).result.data.json;
    const read = await deployer.query("environments.get", { id });
    expect(read.status).toBe(200);
    expect((await read.json()).result.data.json.spec).toEqual({ name: "drafty", app: { cpu: 256 } });
  });
});

describe("tRPC responses (issue 13, item 10)", () => {
  it("carry Cache-Control: no-store", async () => {
    const response = await admin.query("audit.list", {});
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});
