import { createCallerFactory, router } from "../trpc";
import { environmentsRouter } from "./environments";
import { eventsRouter } from "./events";
import { systemRouter } from "./system";
import { templatesRouter } from "./templates";
import { networkRouter, targetsRouter } from "./wizard-support";

export const appRouter = router({
  system: systemRouter,
  templates: templatesRouter,
  environments: environmentsRouter,
  events: eventsRouter,
  targets: targetsRouter,
  network: networkRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, for tests and server components. */
export const createCaller = createCallerFactory(appRouter);
