// Reading the audit log for admins: newest first, filtered, paged by id (stable while entries arrive).
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import { z } from "zod";
import { withoutDangerousKeys } from "../json-safety";
import { AUDIT_ACTIONS } from "./actions";

export const auditListInput = z.object({
  action: z.enum(AUDIT_ACTIONS, { error: "must be one of the audited actions" }).optional(),
  outcome: z
    .enum(["success", "failure", "refused"], { error: "must be success, failure or refused" })
    .optional(),
  actor: z.string().trim().max(254, "must be at most 254 characters").optional(),
  target: z.string().trim().max(254, "must be at most 254 characters").optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/, "must be an audit entry id")
    .optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

interface AuditRow {
  id: string;
  at: Date;
  action: string;
  outcome: string;
  actorEmail: string | null;
  address: string | null;
  targetType: string | null;
  targetId: string | null;
  detail: unknown;
}

export async function listAudit(prisma: PrismaClient, input: z.output<typeof auditListInput>) {
  const entries = await prisma.auditEntry.findMany({
    where: {
      ...(input.action ? { action: input.action } : {}),
      ...(input.outcome ? { outcome: input.outcome } : {}),
      ...(input.actor ? { actorEmail: { contains: input.actor.toLowerCase() } } : {}),
      ...(input.target ? { targetId: { contains: input.target } } : {}),
      ...(input.before ? { id: { lt: BigInt(input.before) } } : {}),
    },
    orderBy: { id: "desc" },
    take: input.limit + 1,
  });
  const page = entries.slice(0, input.limit);
  const rows: AuditRow[] = page.map(
    ({ id, at, action, outcome, actorEmail, address, targetType, targetId, detail }) => ({
      id: id.toString(),
      at,
      action,
      outcome,
      actorEmail,
      address,
      targetType,
      targetId,
      // Entries written before keys were stripped on the way in must not break the page (superjson).
      detail: withoutDangerousKeys(detail),
    }),
  );
  return { entries: rows, nextBefore: entries.length > input.limit ? page.at(-1)?.id.toString() : undefined };
}
