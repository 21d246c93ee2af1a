// The tRPC endpoint as the route handler serves it, with the context factory injectable so that
// integration tests exercise the real HTTP path (superjson, headers, status codes) against their own
// database.

import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { logger } from "../logger";
import { appRouter } from "../routers/_app";
import type { Context } from "../trpc";
import { bodyTooLargeResponse, withLimitedBody } from "./body-limit";

export type ContextFactory = (opts: { req: Request; resHeaders: Headers }) => Promise<Context>;

export async function handleTrpcRequest(request: Request, createContext: ContextFactory): Promise<Response> {
  const req = await withLimitedBody(request);
  if (!req) return bodyTooLargeResponse();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    // Answers are per user and live: no browser or proxy cache may keep one.
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
    onError({ path, error }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logger.error({ path, cause: String(error.cause ?? error) }, "trpc error");
      }
    },
  });
}
