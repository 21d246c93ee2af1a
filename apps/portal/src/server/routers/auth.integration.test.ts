// Sign-in, sessions and the audit trail against a real database: first-run setup, wrong passwords and
// their rate limit, expiry, sign-out here and everywhere, disabled users, and nothing secret recorded.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT_CEILING, delayAfter, signInAllowance } from "../auth/rate-limit";
import { readSessionToken } from "../auth/session-cookie";
import { SESSION_TTL_MS, userForToken } from "../auth/sessions";
import { ensureSetupToken, setupTokenPath } from "../auth/setup-token";
import { signIn } from "../auth/sign-in";
import { PEER_HEADER, peerStamp } from "../http/socket-peer";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";

let db: ScratchDatabase;
let prisma: PrismaClient;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "stackyard-auth-it-"));
  db = await createScratchDatabase("portal_auth_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

const ADMIN = { email: "Ada@Example.test", name: "Ada", password: "first admin passphrase", setupToken: "" };

/** A browser request from the portal's own page, from the given address. */
function browserRequest(address = "203.0.113.7") {
  return new Request("http://127.0.0.1:3000/api/trpc/x", {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      // As the portal's server stamps it (socket-peer.ts): the browser's socket address.
      [PEER_HEADER]: peerStamp({ address, scheme: "http" }),
    },
  });
}

function anonymous(address?: string) {
  const resHeaders = new Headers();
  return {
    api: createCaller({ prisma, request: browserRequest(address), resHeaders, user: null, dataDir }),
    resHeaders,
  };
}

async function signedIn(email: string, password: string, address?: string) {
  const { api, resHeaders } = anonymous(address);
  await api.auth.signIn({ email, password });
  const token = readSessionToken(resHeaders.get("set-cookie"));
  const user = (await userForToken(prisma, token)) as SessionUser;
  return {
    token,
    user,
    api: createCaller({ prisma, request: browserRequest(address), resHeaders: new Headers(), user }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("first run", () => {
  it("refuses setup without the one-time token from the portal's data folder (mode 0600)", async () => {
    const token = await ensureSetupToken(prisma, dataDir);
    expect(token).toMatch(/^[\w-]{24}$/);
    expect((await stat(setupTokenPath(dataDir))).mode & 0o777).toBe(0o600);
    // A restart keeps the token that was printed.
    expect(await ensureSetupToken(prisma, dataDir)).toBe(token);

    for (const setupToken of ["", "guess", `${token}x`]) {
      const error = await rejection(anonymous().api.auth.setup({ ...ADMIN, setupToken }));
      expect(error.code).toMatch(/BAD_REQUEST|FORBIDDEN/);
    }
    expect(await prisma.user.count()).toBe(0);
    ADMIN.setupToken = token ?? "";
  });

  it("creates the first admin once, signs them in with an httpOnly SameSite cookie, then refuses a second setup", async () => {
    expect((await anonymous().api.auth.me()).needsSetup).toBe(true);
    const { api, resHeaders } = anonymous();
    const result = await api.auth.setup(ADMIN);
    expect(result.user).toMatchObject({ email: "ada@example.test", role: "admin" });
    const cookie = resHeaders.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^stackyard_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; __Host- and Secure over HTTPS
    // Used once: the file is gone, and a restart does not make a new one.
    await expect(stat(setupTokenPath(dataDir))).rejects.toThrow(/ENOENT/);
    expect(await ensureSetupToken(prisma, dataDir)).toBeNull();

    const again = await rejection(anonymous().api.auth.setup({ ...ADMIN, email: "eve@example.test" }));
    expect(again.code).toBe("CONFLICT");
    expect(await prisma.user.count()).toBe(1);
  });

  it("names the field of a weak password", async () => {
    const error = await rejection(anonymous().api.auth.setup({ ...ADMIN, password: "short" }));
    expect(error.message).toMatch(/at least 12 characters/);
  });
});

describe("sign-in and sessions", () => {
  it("signs in case-insensitively and stores only the token's hash", async () => {
    const { token, user } = await signedIn("ADA@example.test", ADMIN.password);
    expect(user.role).toBe("admin");
    const stored = await prisma.session.findMany({ select: { tokenHash: true } });
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);
  });

  it("ends a session at its expiry, on sign-out, and everywhere", async () => {
    const first = await signedIn(ADMIN.email, ADMIN.password);
    const second = await signedIn(ADMIN.email, ADMIN.password);
    const later = new Date(Date.now() + SESSION_TTL_MS + 1000);
    expect(await userForToken(prisma, first.token, later)).toBeNull();

    await first.api.auth.signOut();
    expect(await userForToken(prisma, first.token)).toBeNull();
    expect(await userForToken(prisma, second.token)).not.toBeNull();

    const third = await signedIn(ADMIN.email, ADMIN.password);
    await third.api.auth.signOutEverywhere();
    expect(await userForToken(prisma, second.token)).toBeNull();
    expect(await userForToken(prisma, third.token)).toBeNull();
  });

  it("throttles brute force per account and address: the guesser waits, the owner's address gets in", async () => {
    const { api } = await signedIn(ADMIN.email, ADMIN.password);
    await api.users.create({
      email: "bob@example.test",
      name: "Bob",
      role: "viewer",
      password: "bobs long passphrase",
    });
    // Issue 13, item 2: five wrong passwords from anywhere used to lock Bob out for good. Each guess
    // here comes exactly when the throttle allows it (an injected clock: no sleeping).
    const guesser = browserRequest("198.51.100.9");
    const lastFailureAt = async () =>
      (await prisma.auditEntry.findFirst({ where: { action: "sign_in" }, orderBy: { id: "desc" } }))?.at ??
      new Date();
    for (let i = 0; i < 5; i++) {
      const when = new Date((await lastFailureAt()).getTime() + delayAfter(i));
      const wrong = await rejection(
        signIn(prisma, { email: "bob@example.test", password: `guess ${i}` }, guesser, when),
      );
      expect(wrong.message).toBe("Wrong e-mail or password.");
    }
    const throttled = await rejection(
      signIn(
        prisma,
        { email: "bob@example.test", password: "bobs long passphrase" },
        guesser,
        new Date((await lastFailureAt()).getTime() + 1),
      ),
    );
    expect(throttled.code).toBe("TOO_MANY_REQUESTS");
    expect(throttled.message).toMatch(/from your address\. Try again in 4 seconds\./);
    // Bob, from his own address, is not affected by someone else's guesses.
    await signedIn("bob@example.test", "bobs long passphrase", "198.51.100.10");
    // Another account from another address is unaffected.
    await signedIn(ADMIN.email, ADMIN.password, "192.0.2.1");
  });

  it("doubles the wait after each further failure from one address (an injected clock, no sleeping)", async () => {
    const failures = () =>
      prisma.auditEntry.findMany({
        where: {
          action: "sign_in",
          outcome: "failure",
          targetId: "bob@example.test",
          address: "198.51.100.9",
        },
        orderBy: { id: "desc" },
      });
    const before = await failures();
    expect(before.length).toBe(5);
    const at = (ms: number) => new Date((before[0]?.at.getTime() ?? 0) + ms);
    const allowance = (when: Date) => signInAllowance(prisma, "bob@example.test", "198.51.100.9", when);
    expect(await allowance(at(delayAfter(5) - 1))).toMatchObject({ allowed: false });
    const wrong = { email: "bob@example.test", password: "guess 5" };
    await rejection(signIn(prisma, wrong, browserRequest("198.51.100.9"), at(delayAfter(5))));
    const [sixth] = await failures();
    expect(sixth?.id).not.toBe(before[0]?.id);
    const after = (ms: number) => new Date((sixth?.at.getTime() ?? 0) + ms);
    expect(delayAfter(6)).toBe(2 * delayAfter(5));
    expect(await allowance(after(delayAfter(6) - 1))).toMatchObject({ allowed: false });
    expect(await allowance(after(delayAfter(6)))).toEqual({ allowed: true });
  });

  it("keeps a per-account ceiling over all addresses, which an admin lifts with users.unlock (audited)", async () => {
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const dave = await admin.api.users.create({
      email: "dave@example.test",
      name: "Dave",
      role: "viewer",
      password: "daves long passphrase",
    });
    // A distributed guess: many addresses, each within its free failures.
    await prisma.auditEntry.createMany({
      data: Array.from({ length: ACCOUNT_CEILING }, (_, i) => ({
        action: "sign_in",
        outcome: "failure" as const,
        actorEmail: "dave@example.test",
        address: `10.1.${Math.floor(i / 250)}.${i % 250}`,
        targetType: "account",
        targetId: "dave@example.test",
      })),
    });
    const ceiling = await rejection(
      anonymous("192.0.2.44").api.auth.signIn({
        email: "dave@example.test",
        password: "daves long passphrase",
      }),
    );
    expect(ceiling.code).toBe("TOO_MANY_REQUESTS");
    expect(ceiling.message).toMatch(/Ask an admin to unlock it/);

    const viewer = await signedIn("bob@example.test", "bobs long passphrase", "198.51.100.10");
    expect((await rejection(viewer.api.users.unlock({ userId: dave.id }))).code).toBe("FORBIDDEN");
    const lockedRow = async () => (await admin.api.users.list()).find((u) => u.id === dave.id)?.locked;
    expect(await lockedRow()).toBe(true); // the users page offers "Unlock"
    expect(await admin.api.users.unlock({ userId: dave.id })).toEqual({ unlocked: true });
    expect(await lockedRow()).toBe(false);
    await signedIn("dave@example.test", "daves long passphrase", "192.0.2.44");
    const unlocks = await prisma.auditEntry.findMany({ where: { action: "user.unlock" } });
    expect(unlocks).toMatchObject([
      {
        outcome: "success",
        actorId: admin.user.id,
        targetId: "dave@example.test",
        detail: { userId: dave.id },
      },
    ]);
  });

  it("refuses a disabled user and ends their sessions", async () => {
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const carol = await admin.api.users.create({
      email: "carol@example.test",
      name: "Carol",
      role: "deployer",
      password: "carols long passphrase",
    });
    const session = await signedIn("carol@example.test", "carols long passphrase");
    await admin.api.users.setDisabled({ id: carol.id, disabled: true });
    expect(await userForToken(prisma, session.token)).toBeNull();
    const refused = await rejection(
      anonymous().api.auth.signIn({ email: "carol@example.test", password: "carols long passphrase" }),
    );
    expect(refused.message).toMatch(/disabled/);
  });

  it("keeps an enabled admin: the last one cannot be demoted", async () => {
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const error = await rejection(admin.api.users.setRole({ id: admin.user.id, role: "viewer" }));
    expect(error.message).toMatch(/last enabled admin/);
  });
});

describe("audit log", () => {
  it("has an entry for each audited action, with actor, address and outcome, and nothing secret", async () => {
    const entries = await prisma.auditEntry.findMany({ orderBy: { id: "asc" } });
    const seen = new Set(entries.map((e) => `${e.action}:${e.outcome}`));
    for (const expected of [
      "setup:success",
      "sign_in:success",
      "sign_in:failure",
      "sign_in:refused",
      "sign_out:success",
      "sign_out_everywhere:success",
      "user.create:success",
      "user.disable:success",
    ]) {
      expect(seen).toContain(expected);
    }
    const failure = entries.find((e) => e.action === "sign_in" && e.outcome === "failure");
    expect(failure).toMatchObject({
      actorEmail: "bob@example.test",
      address: "198.51.100.9",
      targetId: "bob@example.test",
    });
    const everything = JSON.stringify(entries, (_key, value) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    for (const secret of [
      ADMIN.password,
      "bobs long passphrase",
      "carols long passphrase",
      "guess 0",
      "scrypt$",
    ]) {
      expect(everything).not.toContain(secret);
    }
    const tokens = await prisma.session.findMany({ select: { tokenHash: true } });
    for (const { tokenHash } of tokens) expect(everything).not.toContain(tokenHash);
  });

  it("is append-only: the database refuses to change or remove an entry", async () => {
    await expect(prisma.auditEntry.updateMany({ data: { outcome: "success" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditEntry.deleteMany()).rejects.toThrow(/append-only/);
  });

  it("lets admins filter it", async () => {
    const admin = await signedIn(ADMIN.email, ADMIN.password);
    const failures = await admin.api.audit.list({ action: "sign_in", outcome: "failure", actor: "bob@" });
    expect(failures.entries.length).toBe(6);
    expect(failures.entries.every((e) => e.actorEmail === "bob@example.test")).toBe(true);
  });
});
