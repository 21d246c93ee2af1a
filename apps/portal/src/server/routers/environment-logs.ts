// environments.logs (a page of history) and environments.onLogs (the live stream, SSE): for anyone who may
// see the environment. The stream ends when the session does (re-checked as events.onEvents does).
import "server-only";
import { TRPCError, tracked } from "@trpc/server";
import { logSource, logsInput, onLogsInput, readLogs, viewLogs } from "../environments/logs";
import { viewerProcedure } from "../trpc";
import { watchSession } from "./events";

export const logsProcedures = {
  logs: viewerProcedure
    .input(logsInput)
    .query(({ ctx, input }) => readLogs(ctx.prisma, input, ctx.driverFor)),

  onLogs: viewerProcedure.input(onLogsInput).subscription(async function* ({ ctx, input, signal }) {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
    const source = await logSource(ctx.prisma, input.id, ctx.driverFor);
    if (!source) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This environment's target keeps no logs",
      });
    }
    const session = watchSession(ctx.prisma, ctx.user, ctx.sessionRecheckMs, signal);
    try {
      for await (const batch of viewLogs(source, input, session.stop, ctx.logHub)) {
        yield tracked(batch.cursor, { lines: batch.lines });
      }
      if (session.ended()) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session ended: sign in again." });
      }
    } finally {
      session.close();
    }
  }),
};
