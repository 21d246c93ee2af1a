// tRPC init: the context every procedure sees, and the procedure builders.
import { getPrismaClient, type PrismaClient } from "@stackyard/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";

export interface Context {
  prisma: PrismaClient;
}

export function createContext(): Context {
  return { prisma: getPrismaClient() };
}

const t = initTRPC.context<Context>().create({ transformer: superjson });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
