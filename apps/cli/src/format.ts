// Text the CLI prints: one line per event, per environment, per failure. Pure, so unit tests pin it.
import type { EnvironmentRow, EventView } from "./environments.js";

export const STACK_TYPE = "AWS::CloudFormation::Stack";

export function eventLine(event: EventView): string {
  const reason = event.resourceStatusReason ? ` ${event.resourceStatusReason}` : "";
  const at = new Date(event.timestamp).toISOString();
  return `${at} ${event.resourceStatus} ${event.logicalResourceId} (${event.resourceType})${reason}`;
}

export function statusLine(row: EnvironmentRow): string {
  const op = row.lastOperation ? `, last ${row.lastOperation.kind} ${row.lastOperation.status}` : "";
  const expiry = row.expiresAt ? `, deleted automatically at ${row.expiresAt.toISOString()}` : "";
  return `${row.name}: ${row.status} (${row.target}, ${row.region}${op}${expiry})${row.appUrl ? ` ${row.appUrl}` : ""}`;
}

export const usd = (amount: number) => `$${amount.toFixed(2)}`;

export interface RootCause {
  /** "Resource: reason", as the portal worked it out from the events. */
  cause: string;
  /** The spec field that most likely fixes it, when the portal recognised the reason. */
  specField: string | null;
}

/**
 * The portal stores a failed operation's root cause as "Resource: reason (check spec.field)" followed by
 * advice; the field is taken out so the CLI can name it on its own.
 */
export function rootCauseOf(errorMessage: string | null): RootCause | null {
  const first = errorMessage?.split("\n")[0]?.trim();
  if (!first) return null;
  const field = /\(check ([A-Za-z0-9_.[\]]+)\)/.exec(first);
  const cause = field
    ? first
        .replace(field[0], "")
        .replace(/\s+([.,;])/g, "$1")
        .trim()
    : first;
  return { cause, specField: field?.[1] ?? null };
}

export function failureLine(name: string, kind: string, stackStatus: string | null, cause: RootCause | null) {
  const stack = stackStatus ? ` (stack ${stackStatus})` : "";
  const why = cause ? `; root cause: ${cause.cause}` : "; the portal names no cause (see stackyard events)";
  const field = cause?.specField ? `; spec field: ${cause.specField}` : "";
  return `${name}: ${kind} failed${stack}${why}${field}`;
}

/** The stack's AppUrl output once it is live. */
export function appUrlOf(outputs: unknown): string | null {
  const url = outputs && typeof outputs === "object" ? (outputs as Record<string, unknown>).AppUrl : null;
  return typeof url === "string" && /^https?:\/\//.test(url) ? url : null;
}
