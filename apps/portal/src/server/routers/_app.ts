import "server-only";
import { createCallerFactory, router } from "../trpc";
import { auditRouter } from "./audit";
import { authRouter } from "./auth";
import { environmentsRouter } from "./environments";
import { eventsRouter } from "./events";
import { readinessRouter } from "./readiness";
import { systemRouter } from "./system";
import { templatesRouter } from "./templates";
import { tokensRouter } from "./tokens";
import { usersRouter } from "./users";
import { networkRouter, targetsRouter } from "./wizard-support";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  users: usersRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  templates: templatesRouter,
  environments: environmentsRouter,
  events: eventsRouter,
  readiness: readinessRouter,
  targets: targetsRouter,
  network: networkRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, for tests and server components. */
export const createCaller = createCallerFactory(appRouter);
