// tokens.*: the signed-in user's own personal API tokens (auth/api-tokens.ts). The token itself is in
// create's answer only; list and revoke never return it.
import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createApiToken, createTokenInput, listApiTokens, revokeApiToken } from "../auth/api-tokens";
import { type Context, router, viewerProcedure } from "../trpc";

function actorOf(ctx: Context) {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return ctx.user;
}

export const tokensRouter = router({
  list: viewerProcedure.query(({ ctx }) => listApiTokens(ctx.prisma, actorOf(ctx).id)),
  create: viewerProcedure
    .input(createTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.prisma, actorOf(ctx), input, ctx.request)),
  revoke: viewerProcedure
    .input(z.object({ id: z.string().uuid("must be a token id") }))
    .mutation(({ ctx, input }) => revokeApiToken(ctx.prisma, actorOf(ctx), input.id, ctx.request)),
});
