// Passwords against a real database: common and trivial ones are refused wherever a password is chosen,
// auth.changePassword needs the current one and ends the account's other sessions, and hashes stored at
// the old scrypt cost are upgraded at the next sign-in.
import { createPrismaClient, type PrismaClient } from "@stackyard/db";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, SCRYPT_COST, verifyPassword } from "../auth/password";
import { readSessionToken } from "../auth/session-cookie";
import { userForToken } from "../auth/sessions";
import { PEER_HEADER, peerStamp } from "../http/socket-peer";
import type { SessionUser } from "../trpc";
import { createCaller } from "./_app";

let db: ScratchDatabase;
let prisma: PrismaClient;
beforeAll(async () => {
  db = await createScratchDatabase("portal_passwords_it");
  await migrate({ databaseUrl: db.url });
  prisma = createPrismaClient({ databaseUrl: db.url, connectionLimit: 2 });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

function browserRequest() {
  return new Request("http://127.0.0.1:3000/api/trpc/x", {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      origin: "http://127.0.0.1:3000",
      [PEER_HEADER]: peerStamp({ address: "203.0.113.9", scheme: "http" }),
    },
  });
}

function callerFor(user: SessionUser | null) {
  const resHeaders = new Headers();
  return { api: createCaller({ prisma, request: browserRequest(), resHeaders, user }), resHeaders };
}

async function signedIn(email: string, password: string) {
  const { api, resHeaders } = callerFor(null);
  await api.auth.signIn({ email, password });
  const token = readSessionToken(resHeaders.get("set-cookie"));
  const user = (await userForToken(prisma, token)) as SessionUser;
  return { token, user, api: callerFor(user).api };
}

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

async function createUser(email: string, password: string, cost = SCRYPT_COST) {
  return prisma.user.create({
    data: { email, name: email, role: "admin", passwordHash: await hashPassword(password, cost) },
  });
}

describe("choosing a password", () => {
  it("refuses common, trivial and own-e-mail passwords when an admin creates a user", async () => {
    await createUser("root@example.test", "root's own long passphrase");
    const admin = await signedIn("root@example.test", "root's own long passphrase");
    const email = "dana.scully@example.test";
    for (const [password, why] of [
      ["Q1W2E3R4T5Y6", /most common passwords/],
      ["1qaz2wsx3edc", /most common passwords/],
      ["Password1234!", /common password with digits or symbols added/],
      ["iloveyou2024", /common password with digits or symbols added/],
      ["aaaaaaaaaaaaaaaa", /one character repeated/],
      ["202401011234", /digits only/],
      ["dana.scully@example.test", /your e-mail address/],
      ["DanaScully1999", /your e-mail address/],
    ] as const) {
      const error = await rejection(
        admin.api.users.create({ email, name: "Dana", role: "viewer", password }),
      );
      expect(error.code, password).toBe("BAD_REQUEST");
      expect(error.message, password).toMatch(why);
    }
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    await admin.api.users.create({
      email,
      name: "Dana",
      role: "viewer",
      password: "truth is out there, 1993",
    });
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe("auth.changePassword", () => {
  it("needs the current password, and ends the account's other sessions but not this one", async () => {
    await createUser("fox@example.test", "i want to believe, really");
    const laptop = await signedIn("fox@example.test", "i want to believe, really");
    const stolen = await signedIn("fox@example.test", "i want to believe, really");

    const wrong = await rejection(
      laptop.api.auth.changePassword({ currentPassword: "a guess", newPassword: "trust no one, ever again" }),
    );
    expect(wrong.code).toBe("BAD_REQUEST");
    expect(await userForToken(prisma, stolen.token)).not.toBeNull();
    const weak = await rejection(
      laptop.api.auth.changePassword({
        currentPassword: "i want to believe, really",
        newPassword: "fox@example.test",
      }),
    );
    expect(weak.message).toMatch(/e-mail address/);

    const result = await laptop.api.auth.changePassword({
      currentPassword: "i want to believe, really",
      newPassword: "trust no one, ever again",
    });
    expect(result.otherSessionsEnded).toBe(1);
    expect(await userForToken(prisma, stolen.token)).toBeNull();
    expect(await userForToken(prisma, laptop.token)).not.toBeNull();
    await expect(signedIn("fox@example.test", "i want to believe, really")).rejects.toThrow(/Wrong e-mail/);
    await signedIn("fox@example.test", "trust no one, ever again");
    const audit = await prisma.auditEntry.findMany({ where: { action: "password_change" } });
    expect(audit).toMatchObject([{ outcome: "success", actorEmail: "fox@example.test" }]);
  });
});

describe("scrypt cost", () => {
  it("hashes at N=2^17, r=8, p=1 and upgrades an older hash at the next sign-in", async () => {
    expect(SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const old = await createUser("walter@example.test", "the old cost passphrase", {
      N: 2 ** 14,
      r: 8,
      p: 1,
    });
    expect(old.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);

    await signedIn("walter@example.test", "the old cost passphrase");
    const upgraded = await prisma.user.findUniqueOrThrow({ where: { id: old.id } });
    expect(upgraded.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("the old cost passphrase", upgraded.passwordHash)).toBe(true);
  });
});
