// users.* (admins only): manage who may use the portal and with which role.
import "server-only";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createUserInput, roleInput, userId } from "../auth/inputs";
import { adminProcedure, type Context, router } from "../trpc";
import { createUser, listUsers, setDisabled, setRole, unlockUser } from "../users/manage";

function actorOf(ctx: Context) {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return ctx.user;
}

export const usersRouter = router({
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.prisma)),
  create: adminProcedure
    .input(createUserInput)
    .mutation(({ ctx, input }) => createUser(ctx.prisma, actorOf(ctx), input, ctx.request)),
  setRole: adminProcedure
    .input(z.object({ id: userId, role: roleInput }))
    .mutation(({ ctx, input }) => setRole(ctx.prisma, actorOf(ctx), input, ctx.request)),
  setDisabled: adminProcedure
    .input(z.object({ id: userId, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setDisabled(ctx.prisma, actorOf(ctx), input, ctx.request)),
  /** Lifts the account's ceiling on failed sign-ins (the per-address throttle keeps running). */
  unlock: adminProcedure
    .input(z.object({ userId }))
    .mutation(({ ctx, input }) => unlockUser(ctx.prisma, actorOf(ctx), input, ctx.request)),
});
