import { createCallerFactory, router } from "../trpc";
import { systemRouter } from "./system";

export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, for tests and server components. */
export const createCaller = createCallerFactory(appRouter);
