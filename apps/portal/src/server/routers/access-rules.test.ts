// Every procedure of the router carries an access rule, and each role gets exactly what its rule says.
// The table below is the portal's authorisation policy: a new procedure fails this test until it is
// added here, so nobody can ship one without deciding who may call it.
import { TRPCError } from "@trpc/server";
import { describe, expect, it, vi } from "vitest";
import { type Access, ROLES, type Role, roleAllows } from "../auth/roles";
import { AccessRefused, type Context } from "../trpc";
import { appRouter, createCaller } from "./_app";

vi.mock("../aws-identity", () => ({
  currentAwsIdentity: async () => ({ available: false, reason: "not in unit tests" }),
}));

const POLICY: Record<string, Access> = {
  "system.status": "public",
  "auth.me": "public",
  "auth.setup": "public",
  "auth.changePassword": "viewer",
  "auth.signIn": "public",
  "auth.signOut": "public",
  "auth.signOutEverywhere": "viewer",
  "users.list": "admin",
  "users.create": "admin",
  "users.setRole": "admin",
  "users.setDisabled": "admin",
  "users.unlock": "admin",
  "audit.list": "admin",
  "tokens.list": "viewer",
  "tokens.create": "viewer",
  "tokens.revoke": "viewer",
  "templates.example": "viewer",
  "templates.render": "viewer",
  "templates.check": "viewer",
  "templates.estimate": "viewer",
  "environments.list": "viewer",
  "environments.get": "viewer",
  "environments.saveDraft": "deployer",
  "environments.launch": "deployer",
  "environments.planUpdate": "deployer",
  "environments.update": "deployer",
  "environments.delete": "deployer",
  "environments.rotateDatabaseCredentials": "deployer",
  "environments.continueRollback": "deployer",
  "environments.setExpiry": "deployer",
  "environments.databaseAccess": "viewer",
  "environments.health": "viewer",
  "environments.logs": "viewer",
  "environments.onLogs": "viewer",
  "environments.detectDrift": "deployer",
  "environments.lastDrift": "viewer",
  "events.list": "viewer",
  "events.onEvents": "viewer",
  "readiness.list": "viewer",
  "readiness.run": "deployer",
  "targets.aws": "viewer",
  "network.callerAddress": "viewer",
};

type AnyProcedure = { _def: { meta?: { access?: Access }; type: "query" | "mutation" | "subscription" } };
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

// Any database access fails with this, so a call that gets past the access rule ends here harmlessly.
const PAST_THE_GATE = new Error("reached the procedure's own code");
const unreachableDatabase = new Proxy(
  {},
  {
    get: () => {
      throw PAST_THE_GATE;
    },
  },
) as Context["prisma"];

function callerAs(role: Role | "anonymous") {
  const user =
    role === "anonymous"
      ? null
      : { id: `${role}-id`, email: `${role}@example.test`, name: role, role, sessionId: "s" };
  return createCaller({ prisma: unreachableDatabase, user });
}

async function outcomeOf(role: Role | "anonymous", path: string): Promise<"allowed" | "refused"> {
  const [group, name] = path.split(".") as [string, string];
  const caller = callerAs(role) as unknown as Record<
    string,
    Record<string, (input?: unknown) => Promise<unknown>>
  >;
  try {
    await caller[group]?.[name]?.(undefined);
    return "allowed";
  } catch (error) {
    // Only a refusal by the access rule counts: a procedure's own checks must not stand in for it.
    return error instanceof TRPCError && error.cause instanceof AccessRefused ? "refused" : "allowed";
  }
}

describe("access rules", () => {
  it("every procedure declares an access rule, and the policy table names exactly the router's procedures", () => {
    const missing = Object.entries(procedures).filter(([, procedure]) => !procedure._def.meta?.access);
    expect(missing.map(([path]) => path)).toEqual([]);
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(POLICY).sort());
    for (const [path, procedure] of Object.entries(procedures))
      expect([path, procedure._def.meta?.access]).toEqual([path, POLICY[path]]);
  });

  const cases = Object.entries(POLICY).flatMap(([path, access]) =>
    (["anonymous", ...ROLES] as const).map((role) => ({
      path,
      role,
      expected: (role === "anonymous" ? access === "public" : roleAllows(role, access))
        ? "allowed"
        : "refused",
    })),
  );

  it.each(cases)("$role → $path is $expected", async ({ path, role, expected }) => {
    expect(await outcomeOf(role, path)).toBe(expected);
  });
});
