// What the browser may read of an error. A refusal we wrote (TRPCError with our message, DeployError) is
// meant for the user; anything else that escaped a procedure (a Prisma invocation, a driver's stack of
// SQL) is ours to read in the server log, not the user's: it can name tables, queries and hosts.

import "server-only";
import { DeployError } from "@stackyard/deploy";
import { InvalidSpecError } from "@stackyard/templates";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";

export const UNEXPECTED_ERROR_MESSAGE =
  "Something went wrong on the portal's server. Nothing you typed was lost; try again, and if it persists the portal's log has the details.";

/** For a request tRPC could not read (JSON.parse, superjson, a stack overflow on deep nesting...). */
export const UNREADABLE_REQUEST_MESSAGE =
  "The portal could not read this request. Reload the page and try again.";

/** Errors whose messages we wrote for the user (field errors name their own class: FieldErrors). */
function isOurs(cause: unknown): boolean {
  return (
    cause instanceof DeployError ||
    cause instanceof TRPCError ||
    cause instanceof ZodError ||
    cause instanceof InvalidSpecError ||
    (cause instanceof Error && cause.name === "FieldErrors")
  );
}

/** True for an error tRPC wrapped from someone else's (its message is the original error's own). */
function isWrappedForeign(error: TRPCError): boolean {
  const cause = error.cause;
  if (isOurs(cause)) return false;
  if (error.code === "INTERNAL_SERVER_ERROR")
    return !(cause instanceof Error) || error.message === cause.message;
  return cause instanceof Error && error.message === cause.message;
}

export function publicMessage(error: TRPCError): string {
  if (!isWrappedForeign(error)) return error.message;
  return error.code === "INTERNAL_SERVER_ERROR" ? UNEXPECTED_ERROR_MESSAGE : UNREADABLE_REQUEST_MESSAGE;
}
