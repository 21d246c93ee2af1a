// Stack events for the dashboard: a page of history, and a live stream over SSE whose cursor is the
// stored event's id, so a reconnecting browser resumes exactly after the last event it saw.
import "server-only";
import type { PrismaClient, StackEvent } from "@stackyard/db";
import { TRPCError, tracked } from "@trpc/server";
import { z } from "zod";
import { apiTokenIsLive } from "../auth/api-tokens";
import type { SessionUser } from "../auth/roles";
import { sessionIsLive } from "../auth/sessions";
import { getDeployEngine } from "../deploy-engine";
import { SingleFlight } from "../single-flight";
import { router, viewerProcedure } from "../trpc";

const PAGE = 500;
/**
 * A stream outlives the request that checked its session: it re-checks this often, and ends once the
 * session was signed out (here or everywhere), expired, or its user disabled.
 */
export const SESSION_RECHECK_MS = 15_000;
// Another portal process may have stored events: re-read at least this often even without a notification.
const FALLBACK_MS = 3_000;

export interface EventView {
  id: string;
  operationId: string;
  logicalResourceId: string;
  resourceType: string;
  resourceStatus: string;
  resourceStatusReason: string | null;
  timestamp: Date;
}

function toView(event: StackEvent): EventView {
  return {
    id: event.id.toString(),
    operationId: event.operationId,
    logicalResourceId: event.logicalResourceId,
    resourceType: event.resourceType,
    resourceStatus: event.resourceStatus,
    resourceStatusReason: event.resourceStatusReason,
    timestamp: event.timestamp,
  };
}

const cursor = z
  .string()
  .regex(/^\d{1,19}$/, "must be an event id")
  .nullish();

function eventsAfter(prisma: PrismaClient, environmentId: string, after: bigint) {
  return prisma.stackEvent.findMany({
    where: { environmentId, id: { gt: after } },
    orderBy: { id: "asc" },
    take: PAGE,
  });
}

const sharedReads = new SingleFlight<StackEvent[]>();

/**
 * The subscriptions woken by one notification ask for the same rows at once: they share one query (rows
 * are read-only). The bus version is part of the key, so a read started before a notification is never
 * shared with a subscriber woken by it (that read may predate the new rows).
 */
function sharedEventsAfter(prisma: PrismaClient, environmentId: string, after: bigint, version: number) {
  return sharedReads.run(`${environmentId}:${after}:${version}`, () =>
    eventsAfter(prisma, environmentId, after),
  );
}

async function assertEnvironment(prisma: PrismaClient, environmentId: string) {
  const found = await prisma.environment.findUnique({ where: { id: environmentId }, select: { id: true } });
  if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
}

/** Aborts `stop` when the client goes away or when a periodic check finds the session no longer live. */
export function watchSession(
  prisma: PrismaClient,
  user: Pick<SessionUser, "sessionId" | "tokenId">,
  everyMs = SESSION_RECHECK_MS,
  clientGone?: AbortSignal,
) {
  const controller = new AbortController();
  let ended = false;
  const abort = () => controller.abort();
  clientGone?.addEventListener("abort", abort, { once: true });
  const timer = setInterval(() => {
    (user.tokenId ? apiTokenIsLive(prisma, user.tokenId) : sessionIsLive(prisma, user.sessionId)).then(
      (live) => {
        if (live) return;
        ended = true;
        abort();
      },
      // The database is unreachable: the next check decides; the stream's own reads fail meanwhile.
      () => undefined,
    );
  }, everyMs);
  return {
    stop: controller.signal,
    ended: () => ended,
    close() {
      clearInterval(timer);
      clientGone?.removeEventListener("abort", abort);
    },
  };
}

export const eventsRouter = router({
  list: viewerProcedure
    .input(z.object({ environmentId: z.string().uuid(), after: cursor }))
    .query(async ({ ctx, input }) => {
      await assertEnvironment(ctx.prisma, input.environmentId);
      const events = await eventsAfter(ctx.prisma, input.environmentId, BigInt(input.after ?? 0));
      return events.map(toView);
    }),

  onEvents: viewerProcedure
    .input(z.object({ environmentId: z.string().uuid(), lastEventId: cursor }))
    .subscription(async function* ({ ctx, input, signal }) {
      if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
      await assertEnvironment(ctx.prisma, input.environmentId);
      const bus = ctx.eventBus ?? getDeployEngine().tracker.bus;
      const session = watchSession(ctx.prisma, ctx.user, ctx.sessionRecheckMs, signal);
      try {
        let after = BigInt(input.lastEventId ?? 0);
        while (!session.stop.aborted) {
          const next = bus.next(input.environmentId, FALLBACK_MS, session.stop);
          const version = bus.version(input.environmentId);
          const events = await sharedEventsAfter(ctx.prisma, input.environmentId, after, version);
          for (const event of events) {
            if (session.stop.aborted) break;
            after = event.id;
            yield tracked(event.id.toString(), toView(event));
          }
          if (events.length < PAGE) await next;
        }
        if (session.ended()) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session ended: sign in again." });
        }
      } finally {
        session.close();
      }
    }),
});
