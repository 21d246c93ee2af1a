// Runs an audited action and records its outcome either way: success with its detail, or failure with
// the error's message (a TRPCError's message is written for users, so it holds nothing secret).
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../auth/roles";
import { type AuditAction, recordAudit } from "./record";

interface AuditedContext {
  prisma: PrismaClient;
  user?: SessionUser | null;
  request?: Request;
}

export async function audited<T>(
  ctx: AuditedContext,
  action: AuditAction,
  detail: Record<string, unknown>,
  run: () => Promise<T>,
  targetOf: (result: T) => string | undefined,
  requestedTarget?: string,
): Promise<T> {
  const base = { action, actor: ctx.user ?? null, request: ctx.request };
  try {
    const result = await run();
    const id = targetOf(result) ?? requestedTarget;
    await recordAudit(ctx.prisma, {
      ...base,
      outcome: "success",
      target: id ? { type: "environment", id } : undefined,
      detail,
    });
    return result;
  } catch (error) {
    const refused =
      error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "UNAUTHORIZED");
    await recordAudit(ctx.prisma, {
      ...base,
      outcome: refused ? "refused" : "failure",
      target: requestedTarget ? { type: "environment", id: requestedTarget } : undefined,
      detail: {
        ...detail,
        error: error instanceof TRPCError ? error.message.slice(0, 1000) : "internal error",
      },
    });
    throw error;
  }
}
