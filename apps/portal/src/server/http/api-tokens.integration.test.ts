// Issue 16, API tokens: made and revoked through the router's HTTP endpoint with a session, then used as
// `Authorization: Bearer` through the same endpoint with the real context resolution (no user handed in).
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../auth/sessions";
import { createTestUser } from "../auth/test-users.test-helpers";
import type { SessionUser } from "../trpc";
import { userForRequest } from "../trpc";
import { type Client, httpClient, PORTAL } from "./http.test-helpers";
import { handleTrpcRequest } from "./trpc-handler";

let db: ScratchDatabase;
let prisma: PrismaClient;
let deployerUser: SessionUser;
let deployer: Client;
let adminUser: SessionUser;
let admin: Client;

beforeAll(async () => {
  db = await createScratchDatabase("portal_api_tokens_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
  deployerUser = await createTestUser(prisma, "deployer");
  deployer = httpClient(prisma, deployerUser);
  adminUser = await createTestUser(prisma, "admin");
  admin = httpClient(prisma, adminUser);
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

/** A request as a pipeline sends it: whatever headers it is given, and who it is comes from them. */
function send(path: string, init: { input?: unknown; headers?: Record<string, string>; mutation?: boolean }) {
  const { input, headers = {}, mutation = false } = init;
  const request = mutation
    ? new Request(`${PORTAL}/api/trpc/${path}`, {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "content-type": "application/json", ...headers },
        body: JSON.stringify({ json: input }),
      })
    : new Request(
        `${PORTAL}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`,
        { headers: { host: "127.0.0.1:3000", ...headers } },
      );
  return handleTrpcRequest(request, async ({ req, resHeaders }) => ({
    prisma,
    request: req,
    resHeaders,
    user: await userForRequest(prisma, req),
  }));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function data(response: Response) {
  const body = await response.json();
  if (!body.result) throw new Error(`${response.status}: ${JSON.stringify(body.error?.json?.message)}`);
  return body.result.data.json;
}
async function errorMessage(response: Response): Promise<string> {
  return (await response.json()).error.json.message;
}

async function makeToken(client: Client, input: Record<string, unknown>) {
  const response = await client.mutate("tokens.create", { expiresInDays: 30, ...input });
  expect(response.status).toBe(200);
  return (await data(response)) as { id: string; token: string; role: string };
}

async function auditEntries(action: string) {
  return prisma.auditEntry.findMany({ where: { action }, orderBy: { id: "asc" } });
}

describe("API tokens", () => {
  it("are returned once by create; list never shows the token or its hash", async () => {
    const made = await makeToken(deployer, { name: "ci" });
    expect(made.token).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
    expect(made.role).toBe("deployer");
    const listed = await data(await deployer.query("tokens.list"));
    expect(listed.map((t: { id: string }) => t.id)).toContain(made.id);
    const text = JSON.stringify(listed);
    expect(text).not.toContain(made.token);
    expect(text).not.toContain("tokenHash");
    const stored = await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.tokenHash).not.toContain(made.token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const [entry] = (await auditEntries("token.create")).filter((e) => e.targetId === made.id);
    expect(entry?.outcome).toBe("success");
    expect(JSON.stringify(entry?.detail)).not.toContain(made.token);
  });

  it("authenticate a request as their owner, with the token's role", async () => {
    const viewerToken = await makeToken(deployer, { name: "read only", role: "viewer" });
    const me = await data(await send("auth.me", { headers: bearer(viewerToken.token) }));
    expect(me.user).toMatchObject({ id: deployerUser.id, role: "viewer" });
    // The owner is a deployer, the token a viewer: a deployer's mutation is refused.
    const draft = await send("environments.saveDraft", {
      mutation: true,
      headers: bearer(viewerToken.token),
      input: { target: "local", spec: { name: "from-token" } },
    });
    expect(draft.status).toBe(403);

    const deployToken = await makeToken(deployer, { name: "deploys" });
    const allowed = await send("environments.saveDraft", {
      mutation: true,
      headers: bearer(deployToken.token),
      input: { target: "local", spec: { name: "from-token" } },
    });
    expect(allowed.status).toBe(200);
  });

  it("cannot have a role above their creator's", async () => {
    const response = await deployer.mutate("tokens.create", {
      name: "too much",
      role: "admin",
      expiresInDays: 1,
    });
    expect(response.status).toBe(403);
    expect(await errorMessage(response)).toMatch(/at most yours \(deployer\)/);
    expect(await prisma.apiToken.count({ where: { name: "too much" } })).toBe(0);
    const refused = (await auditEntries("token.create")).filter((e) => e.outcome === "refused");
    expect(refused.at(-1)).toMatchObject({ actorId: deployerUser.id });
  });

  it("act with their owner's current role when the owner was demoted", async () => {
    const user = await createTestUser(prisma, "admin");
    const made = await makeToken(httpClient(prisma, user), { name: "admin token" });
    expect(made.role).toBe("admin");
    await prisma.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    const me = await data(await send("auth.me", { headers: bearer(made.token) }));
    expect(me.user.role).toBe("viewer");
  });

  it("cannot make more tokens", async () => {
    const made = await makeToken(deployer, { name: "minter" });
    const response = await send("tokens.create", {
      mutation: true,
      headers: bearer(made.token),
      input: { name: "child", expiresInDays: 365 },
    });
    expect(response.status).toBe(403);
    expect(await prisma.apiToken.count({ where: { name: "child" } })).toBe(0);
  });

  it("are refused once revoked, and the refused use is audited", async () => {
    const made = await makeToken(deployer, { name: "to revoke" });
    expect((await send("auth.me", { headers: bearer(made.token) })).status).toBe(200);
    const revoked = await deployer.mutate("tokens.revoke", { id: made.id });
    expect(revoked.status).toBe(200);
    expect((await data(revoked)).revokedAt).toBeTruthy();
    const [revokeEntry] = (await auditEntries("token.revoke")).filter((e) => e.targetId === made.id);
    expect(revokeEntry?.outcome).toBe("success");

    const response = await send("auth.me", { headers: bearer(made.token) });
    expect(response.status).toBe(401);
    expect(await errorMessage(response)).toBe("The API token was revoked.");
    const [entry] = (await auditEntries("token.use_refused")).filter((e) => e.targetId === made.id);
    expect(entry).toMatchObject({ outcome: "refused", actorId: deployerUser.id });
  });

  it("cannot be revoked by another user", async () => {
    const made = await makeToken(deployer, { name: "not yours" });
    const response = await admin.mutate("tokens.revoke", { id: made.id });
    expect(response.status).toBe(404);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } })).revokedAt).toBeNull();
  });

  it("are refused once expired (audited)", async () => {
    const made = await makeToken(deployer, { name: "short" });
    await prisma.apiToken.update({
      where: { id: made.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const response = await send("environments.list", { headers: bearer(made.token) });
    expect(response.status).toBe(401);
    expect(await errorMessage(response)).toBe("The API token has expired.");
    expect((await auditEntries("token.use_refused")).some((e) => e.targetId === made.id)).toBe(true);
  });

  it("stop working when their user is disabled (audited)", async () => {
    const user = await createTestUser(prisma, "deployer");
    const made = await makeToken(httpClient(prisma, user), { name: "owner disabled" });
    expect((await send("auth.me", { headers: bearer(made.token) })).status).toBe(200);
    const disabled = await admin.mutate("users.setDisabled", { id: user.id, disabled: true });
    expect(disabled.status).toBe(200);
    const response = await send("auth.me", { headers: bearer(made.token) });
    expect(response.status).toBe(401);
    expect(await errorMessage(response)).toBe("The API token's user is disabled.");
    expect((await auditEntries("token.use_refused")).some((e) => e.targetId === made.id)).toBe(true);
  });

  it("refuse an unknown or malformed bearer token, without falling back to the session cookie", async () => {
    const session = await startSession(prisma, deployerUser.id, { address: null, userAgent: null });
    const cookie = `stackyard_session=${session.token}`;
    expect((await data(await send("auth.me", { headers: { cookie } }))).user.id).toBe(deployerUser.id);
    for (const authorization of ["Bearer sy_nothing", "Bearer", "bearer  x y", "Bearer not-ours"]) {
      const response = await send("auth.me", { headers: { cookie, authorization } });
      expect([authorization, response.status]).toEqual([authorization, 401]);
    }
    // Another scheme (a proxy's Basic auth, resent by browsers) is not a token: the cookie decides.
    const basic = await send("auth.me", { headers: { cookie, authorization: "Basic dXNlcjpwYXNz" } });
    expect((await data(basic)).user.id).toBe(deployerUser.id);
  });

  it("need no Origin on a mutation, while a session cookie still does", async () => {
    const made = await makeToken(deployer, { name: "no origin" });
    const withToken = await send("environments.saveDraft", {
      mutation: true,
      headers: bearer(made.token),
      input: { target: "local", spec: { name: "no-origin" } },
    });
    expect(withToken.status).toBe(200);

    const session = await startSession(prisma, deployerUser.id, { address: null, userAgent: null });
    const cookie = `stackyard_session=${session.token}`;
    const withCookie = await send("environments.saveDraft", {
      mutation: true,
      headers: { cookie },
      input: { target: "local", spec: { name: "no-origin-cookie" } },
    });
    expect(withCookie.status).toBe(403);
    expect(await errorMessage(withCookie)).toMatch(/no Origin header/);
    const withCookieAndOrigin = await send("environments.saveDraft", {
      mutation: true,
      headers: { cookie, origin: PORTAL },
      input: { target: "local", spec: { name: "origin-cookie" } },
    });
    expect(withCookieAndOrigin.status).toBe(200);
  });

  it("record when each use happened", async () => {
    const made = await makeToken(deployer, { name: "last used" });
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt).toBeNull();
    const before = new Date();
    expect((await send("auth.me", { headers: bearer(made.token) })).status).toBe(200);
    const first = (await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt;
    expect(first?.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    const past = new Date("2026-01-01T00:00:00Z");
    await prisma.apiToken.update({ where: { id: made.id }, data: { lastUsedAt: past } });
    expect((await send("environments.list", { headers: bearer(made.token) })).status).toBe(200);
    const second = (await prisma.apiToken.findUniqueOrThrow({ where: { id: made.id } })).lastUsedAt;
    expect(second?.getTime()).toBeGreaterThan(past.getTime());
    const listed = await data(await deployer.query("tokens.list"));
    expect(listed.find((t: { id: string }) => t.id === made.id).lastUsedAt).toBeTruthy();
  });
});
