// tRPC init: the context every procedure sees, and the procedure builders.
// Every procedure is built from one of the access builders below, never from t.procedure directly,
// so each one carries its authorisation rule in its meta (a test enumerates the router to check that).
import { getPrismaClient, type PrismaClient } from "@stackyard/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { getDeployEngine } from "./deploy";
import { formatError } from "./field-errors";
import type { OperationStarter } from "./operations/hand-over";

export type Role = "viewer" | "deployer" | "admin";
export type Access = "public" | Role;

export interface ProcedureMeta {
  access: Access;
}

export interface Context {
  prisma: PrismaClient;
  /** The request, when there is one (undefined for server-side callers in tests). */
  request?: Request;
  /** Starts recorded operations on their target; absent for callers that only record (tests). */
  deploy?: OperationStarter;
}

export function createContext(opts?: { req: Request }): Context {
  return { prisma: getPrismaClient(), request: opts?.req, deploy: getDeployEngine() };
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  transformer: superjson,
  // Validation errors carry the paths of the fields they belong to (see field-errors.ts).
  errorFormatter: formatError,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

// Authentication and roles arrive with the access-control issue (#7); until then these builders only
// label each procedure with the role it will require, and let every caller through.
export const publicProcedure = t.procedure.meta({ access: "public" });
export const viewerProcedure = t.procedure.meta({ access: "viewer" });
export const deployerProcedure = t.procedure.meta({ access: "deployer" });
export const adminProcedure = t.procedure.meta({ access: "admin" });
