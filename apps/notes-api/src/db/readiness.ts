// The database hop of /readyz. The portal's readiness probe reads this through the public URL to tell "the
// app answers but its database does not" apart from the hops in front of it, so the failure reason must be
// useful to an operator yet never carry what mysql2 puts in its messages (host, user, database names).
import type { Pool } from "mysql2/promise";
import { pingDatabase } from "./notes-repo.js";

export type DatabaseReadiness = { ok: true; roundTripMs: number } | { ok: false; error: string };

/** Raised by our own deadline, so a slow connect cannot hold /readyz past `timeoutMs`. */
class ReadinessTimeout extends Error {
  readonly code = "READINESS_TIMEOUT";
}

// mysql2/Node error codes → a short reason. Anything unknown falls back to its code (codes are
// upper-case identifiers, never secrets), never to the message.
const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection lost",
  PROTOCOL_CONNECTION_LOST: "connection lost",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host name did not resolve",
  EAI_AGAIN: "host name did not resolve",
  ER_ACCESS_DENIED_ERROR: "access denied",
  ER_DBACCESS_DENIED_ERROR: "access denied",
  ER_BAD_DB_ERROR: "database does not exist",
  ER_CON_COUNT_ERROR: "too many connections",
  HANDSHAKE_SSL_ERROR: "TLS handshake failed",
  HANDSHAKE_NO_SSL_SUPPORT: "TLS handshake failed",
};

export function describeDatabaseFailure(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "READINESS_TIMEOUT" || code === "PROTOCOL_SEQUENCE_TIMEOUT") {
    return `timed out after ${timeoutMs} ms`;
  }
  if (code === "ETIMEDOUT") return "connect timed out";
  if (typeof code === "string" && REASONS[code]) return REASONS[code];
  // The pool's own queue-limit error has no code, only this fixed message.
  if (error instanceof Error && error.message === "Queue limit reached.") return "connection pool queue full";
  if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,63}$/.test(code)) return `query failed (${code})`;
  return "query failed";
}

function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessTimeout()), timeoutMs);
  });
  // The losing ping still settles on its own (connect/query timeouts bound it); ignore its late failure.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** One `SELECT 1` round trip, bounded by `timeoutMs`; the failure reason is safe to show to anyone. */
export async function checkDatabase(
  pool: Pool,
  timeoutMs: number,
): Promise<{ readiness: DatabaseReadiness; cause?: unknown }> {
  const started = performance.now();
  try {
    await withDeadline(pingDatabase(pool, timeoutMs), timeoutMs);
    const roundTripMs = Math.round((performance.now() - started) * 100) / 100;
    return { readiness: { ok: true, roundTripMs } };
  } catch (error) {
    return { readiness: { ok: false, error: describeDatabaseFailure(error, timeoutMs) }, cause: error };
  }
}
