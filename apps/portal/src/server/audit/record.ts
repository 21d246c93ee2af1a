// Writing the audit log. The application only ever inserts (the table's triggers refuse UPDATE and
// DELETE). Callers pass what happened; this module never receives a password or a token, and the spec
// diff goes through redactSecrets in case a future spec field holds one.
import "server-only";
import type { PrismaClient } from "@stackyard/db";
import type { SessionUser } from "../auth/roles";
import { withoutDangerousKeys } from "../json-safety";
import { requestAddress } from "../request-address";
import type { AuditAction } from "./actions";

export type { AuditAction } from "./actions";

type AuditOutcome = "success" | "failure" | "refused";

export interface AuditInput {
  action: AuditAction;
  outcome: AuditOutcome;
  actor: Pick<SessionUser, "id" | "email"> | null;
  /** Who asked when nobody is signed in yet (sign-in attempts): the e-mail as typed. */
  actorEmail?: string;
  request?: Request;
  target?: { type: "environment" | "user" | "account" | "token"; id: string };
  detail?: Record<string, unknown>;
}

export async function recordAudit(prisma: PrismaClient, input: AuditInput): Promise<void> {
  await prisma.auditEntry.create({
    data: {
      action: input.action,
      outcome: input.outcome,
      actorId: input.actor?.id ?? null,
      actorEmail: (input.actor?.email ?? input.actorEmail ?? null)?.slice(0, 254) ?? null,
      address: requestAddress(input.request),
      targetType: input.target?.type ?? null,
      targetId: input.target?.id.slice(0, 254) ?? null,
      detail: input.detail ? (storableDetail(input.detail) as object) : undefined,
    },
  });
}

/** An entry's detail is at most this many bytes of JSON: the log is append-only, so it must not be a dump. */
export const MAX_DETAIL_BYTES = 16 * 1024;

/**
 * What is stored of a detail: without keys superjson refuses, secrets redacted, and within 16 KiB. An
 * oversized detail keeps only its short scalar fields (the error, the target) and says how big it was.
 */
export function storableDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const safe = redactSecrets(withoutDangerousKeys(detail)) as Record<string, unknown>;
  const bytes = Buffer.byteLength(JSON.stringify(safe));
  if (bytes <= MAX_DETAIL_BYTES) return safe;
  const kept = Object.entries(safe).filter(
    ([, value]) => typeof value !== "object" && String(value).length <= 1024,
  );
  return { ...Object.fromEntries(kept), truncated: true, detailBytes: bytes };
}

const SECRET_KEY = /pass(word)?|secret|token|credential|private.?key/i;

/** Replaces the value of any key that names a secret, at any depth. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) ? "[redacted]" : redactSecrets(inner),
      ]),
    );
  }
  return value;
}
