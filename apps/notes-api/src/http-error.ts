// The one error type routes throw. The single handler in error-handler.ts turns it (and Fastify's own
// errors) into a JSON body under /api and an HTML page elsewhere.
export interface FieldError {
  field: string;
  message: string;
}

export class HttpError extends Error {
  readonly statusCode: number;
  readonly fields: FieldError[];
  /** Extra JSON the client needs to recover, e.g. the current note and the client's own text on 409. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    statusCode: number,
    message: string,
    opts: { fields?: FieldError[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "HttpError";
    this.statusCode = statusCode;
    this.fields = opts.fields ?? [];
    this.details = opts.details;
  }
}

// mysql2 marks errors that broke the connection as fatal; these codes also mean "no usable database"
// rather than a bug, so the client gets 503 (retry later) instead of 500.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_ACCESS_DENIED_ERROR",
  "ER_BAD_DB_ERROR",
  "POOL_CLOSED",
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, fatal } = error as { code?: unknown; fatal?: unknown };
  return fatal === true || (typeof code === "string" && UNAVAILABLE_CODES.has(code));
}
