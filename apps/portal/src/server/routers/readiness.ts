// readiness.*: the stored probes of an environment (viewers) and a probe on request (deployers; one at a
// time per environment; audited). A probe only reads: it never changes the stack or the environment.
import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { audited } from "../audit/audited";
import { environmentId } from "../environments/inputs";
import { ProbeNotPossible, probeEnvironment } from "../readiness/run";
import { ProbeAlreadyRunning } from "../readiness/store";
import { listProbes } from "../readiness/views";
import { deployerProcedure, router, viewerProcedure } from "../trpc";

const input = z.object({ environmentId });

export const readinessRouter = router({
  list: viewerProcedure.input(input).query(async ({ ctx, input }) => {
    const found = await ctx.prisma.environment.findUnique({
      where: { id: input.environmentId },
      select: { id: true },
    });
    if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
    return listProbes(ctx.prisma, input.environmentId);
  }),
  run: deployerProcedure.input(input).mutation(({ ctx, input }) =>
    audited(
      ctx,
      "environment.readiness",
      {},
      () => probeEnvironment(ctx.prisma, { ...input, trigger: "manual" }).catch(toTrpcError),
      () => input.environmentId,
      input.environmentId,
    ),
  ),
});

function toTrpcError(error: unknown): never {
  if (error instanceof ProbeAlreadyRunning) {
    const seconds = Math.max(1, Math.round((Date.now() - error.startedAt.getTime()) / 1000));
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `A readiness probe of this environment is already running (started ${seconds} s ago); its result appears here when it ends.`,
    });
  }
  if (error instanceof ProbeNotPossible) {
    throw new TRPCError({
      code: error.reason === "not-found" ? "NOT_FOUND" : "PRECONDITION_FAILED",
      message: error.message,
    });
  }
  throw error;
}
