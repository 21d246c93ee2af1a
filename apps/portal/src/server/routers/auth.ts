// auth.*: who am I, first-run setup, sign in, sign out (here or everywhere). The session cookie is
// set on the tRPC response; its token never appears in a body, a URL or a log.
import "server-only";
import { TRPCError } from "@trpc/server";
import { recordAudit } from "../audit/record";
import { changePassword } from "../auth/change-password";
import { changePasswordInput, setupInput, signInInput } from "../auth/inputs";
import { clearedSessionCookie, servedOverHttps, sessionCookie } from "../auth/session-cookie";
import { endAllSessions, endSession } from "../auth/sessions";
import { needsSetup, type SignedIn, setUpFirstAdmin, signIn } from "../auth/sign-in";
import { type Context, publicProcedure, router, viewerProcedure } from "../trpc";

function setSessionCookie(ctx: Context, signedIn: SignedIn) {
  const secure = servedOverHttps(ctx.request);
  ctx.resHeaders?.append(
    "set-cookie",
    sessionCookie(signedIn.session.token, signedIn.session.expiresAt, secure),
  );
  return { user: signedIn.user, expiresAt: signedIn.session.expiresAt };
}

function clearSessionCookie(ctx: Context) {
  ctx.resHeaders?.append("set-cookie", clearedSessionCookie(servedOverHttps(ctx.request)));
}

export const authRouter = router({
  /** The signed-in user (without the session id), or null; and whether the portal still needs setup. */
  me: publicProcedure.query(async ({ ctx }) => {
    const user = ctx.user
      ? { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name, role: ctx.user.role }
      : null;
    return { user, needsSetup: user ? false : await needsSetup(ctx.prisma) };
  }),
  setup: publicProcedure
    .input(setupInput)
    .mutation(async ({ ctx, input }) =>
      setSessionCookie(ctx, await setUpFirstAdmin(ctx.prisma, input, ctx.request, ctx.dataDir)),
    ),
  signIn: publicProcedure
    .input(signInInput)
    .mutation(async ({ ctx, input }) => setSessionCookie(ctx, await signIn(ctx.prisma, input, ctx.request))),
  /** Ends this browser's session (harmless when already signed out). */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    clearSessionCookie(ctx);
    if (!ctx.user) return { signedOut: true };
    await endSession(ctx.prisma, ctx.user.sessionId);
    await recordAudit(ctx.prisma, {
      action: "sign_out",
      outcome: "success",
      actor: ctx.user,
      request: ctx.request,
    });
    return { signedOut: true };
  }),
  /** The signed-in user's own password; ends their other sessions (this one stays signed in). */
  changePassword: viewerProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
    return changePassword(ctx.prisma, ctx.user, input, ctx.request);
  }),
  /** Ends every session of the signed-in user, on every device. */
  signOutEverywhere: viewerProcedure.mutation(async ({ ctx }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
    const ended = await endAllSessions(ctx.prisma, ctx.user.id);
    clearSessionCookie(ctx);
    await recordAudit(ctx.prisma, {
      action: "sign_out_everywhere",
      outcome: "success",
      actor: ctx.user,
      request: ctx.request,
      detail: { sessionsEnded: ended },
    });
    return { sessionsEnded: ended };
  }),
});
