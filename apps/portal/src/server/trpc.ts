// tRPC init: the context every procedure sees, and the procedure builders.
// Every procedure is built from one of the access builders below, never from t.procedure directly,
// so each one carries its authorisation rule in its meta; access-rules.test.ts enumerates the router
// to check that, and checks every role against every procedure.
import "server-only";
import { getPrismaClient, type PrismaClient } from "@stackyard/db";
import type { DeployDriver, DeployTarget, EnvironmentEventBus, LogHub } from "@stackyard/deploy";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { readBearerToken, userForApiToken } from "./auth/api-tokens";
import { type Access, roleAllows, type SessionUser } from "./auth/roles";
import { readSessionToken } from "./auth/session-cookie";
import { userForToken } from "./auth/sessions";
import { getDeployEngine } from "./deploy-engine";
import type { CredentialRotator } from "./environments/rotate-credentials";
import { formatError } from "./field-errors";
import type { OperationStarter } from "./operations/hand-over";
import { assertSameOrigin } from "./security/origin";
import type { UpdatePreparer } from "./updates/plan-update";

export type { Access, SessionUser };

interface ProcedureMeta {
  access: Access;
}

export interface Context {
  prisma: PrismaClient;
  /** The request, when there is one (undefined for server-side callers in tests). */
  request?: Request;
  /** Starts recorded operations on their target; absent for callers that only record (tests). */
  deploy?: OperationStarter & Partial<UpdatePreparer>;
  /** Rotates a database password (environments.rotateDatabaseCredentials); default: the real targets. */
  rotateCredentials?: CredentialRotator;
  /** Who is signed in (from the session cookie); null when nobody is. */
  user?: SessionUser | null;
  /** Live-event notifications (events.onEvents); default: the deploy engine's tracker bus. */
  eventBus?: EnvironmentEventBus;
  /** A target's driver (environments.logs); default: deploy-drivers.ts. */
  driverFor?: (target: DeployTarget, region: string) => DeployDriver;
  /** The shared log tails (environments.onLogs); default: the process's one (environments/logs.ts). */
  logHub?: LogHub;
  /** How often a live stream re-checks its session (events.onEvents); default SESSION_RECHECK_MS. */
  sessionRecheckMs?: number;
  /** Where the first-run setup token lives (auth/setup-token.ts); default STACKYARD_DATA_DIR. */
  dataDir?: string;
  /** Headers of the response, so that sign-in and sign-out can set the session cookie. */
  resHeaders?: Headers;
}

export async function createContext(opts?: { req: Request; resHeaders?: Headers }): Promise<Context> {
  const prisma = getPrismaClient();
  const user = await userForRequest(prisma, opts?.req);
  return { prisma, request: opts?.req, deploy: getDeployEngine(), user, resHeaders: opts?.resHeaders };
}

/**
 * Who a request acts for: an `Authorization: Bearer` API token when the request has one (its cookie is
 * then ignored, and a refused token fails the request with its reason), otherwise the session cookie.
 */
export async function userForRequest(
  prisma: PrismaClient,
  request: Request | undefined,
): Promise<SessionUser | null> {
  if (!request) return null;
  const bearer = readBearerToken(request.headers);
  if (bearer !== null) return userForApiToken(prisma, bearer, request);
  return userForToken(prisma, readSessionToken(request.headers.get("cookie")));
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  transformer: superjson,
  // Validation errors carry the paths of the fields they belong to (see field-errors.ts).
  errorFormatter: formatError,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The cause of every refusal by an access rule (the role-matrix test tells it from other errors). */
export class AccessRefused extends Error {
  constructor(readonly access: Access) {
    super(`access rule: ${access}`);
    this.name = "AccessRefused";
  }
}

function accessRule(access: Access) {
  return t.middleware(({ ctx, type, next }) => {
    // Checked before anything else, for every mutation (sign-in included): changes come only from
    // the portal's own pages, or from a client holding an API token (a cross-site page cannot make a
    // browser send an Authorization header, so a bearer request cannot be a forged one).
    if (type === "mutation" && !ctx.user?.tokenId) assertSameOrigin(ctx.request);
    if (access === "public") return next();
    if (!ctx.user) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "Sign in first.",
        cause: new AccessRefused(access),
      });
    }
    if (!roleAllows(ctx.user.role, access)) {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${access} role; you are signed in as a ${ctx.user.role}.`,
        cause: new AccessRefused(access),
      });
    }
    return next({ ctx: { user: ctx.user } });
  });
}

// Roles are ordered viewer < deployer < admin; each builder admits its role and those above it.
export const publicProcedure = t.procedure.meta({ access: "public" }).use(accessRule("public"));
export const viewerProcedure = t.procedure.meta({ access: "viewer" }).use(accessRule("viewer"));
export const deployerProcedure = t.procedure.meta({ access: "deployer" }).use(accessRule("deployer"));
export const adminProcedure = t.procedure.meta({ access: "admin" }).use(accessRule("admin"));
