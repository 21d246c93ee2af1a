// What the browser may read of an error. A refusal we wrote (TRPCError with our message, DeployError) is
// meant for the user; anything else that escaped a procedure (a Prisma invocation, a driver's stack of
// SQL) is ours to read in the server log, not the user's: it can name tables, queries and hosts.
import { TRPCError } from "@trpc/server";
import { DeployError } from "./deploy/errors";

export const UNEXPECTED_ERROR_MESSAGE =
  "Something went wrong on the portal's server. Nothing you typed was lost; try again, and if it persists the portal's log has the details.";

/** True for an unexpected error tRPC wrapped (its message is the original error's own). */
function isWrappedUnexpected(error: TRPCError): boolean {
  const cause = error.cause;
  if (error.code !== "INTERNAL_SERVER_ERROR") return false;
  if (cause instanceof DeployError || cause instanceof TRPCError) return false;
  return !(cause instanceof Error) || error.message === cause.message;
}

export function publicMessage(error: TRPCError): string {
  return isWrappedUnexpected(error) ? UNEXPECTED_ERROR_MESSAGE : error.message;
}
