// The end of following an operation: the last line (or JSON object) and the exit code. 0 when the
// operation succeeded (the stack reached *_COMPLETE), 1 when it failed (with the root cause and the spec
// field that fixes it), 130 when the user stopped following (the operation goes on).

import type { FollowOutcome } from "./follow.js";
import { appUrlOf, failureLine, rootCauseOf } from "./format.js";
import type { Io } from "./io.js";

export interface OutcomeContext {
  name: string;
  json: boolean;
}

export function report(outcome: FollowOutcome, io: Io, context: OutcomeContext): number {
  if (outcome.interrupted) {
    io.stderr(
      `stackyard: stopped following ${context.name}; the operation goes on in the portal (stackyard events ${context.name} --follow)\n`,
    );
    return 130;
  }
  const { detail, operation, stackStatus } = outcome;
  const succeeded = operation?.status === "succeeded";
  const appUrl = detail.status === "live" ? appUrlOf(detail.outputs) : null;
  const cause = succeeded ? null : rootCauseOf(operation?.errorMessage ?? null);
  if (context.json) {
    const result = {
      type: "result",
      name: detail.name,
      environmentId: detail.id,
      operationId: operation?.id ?? null,
      kind: operation?.kind ?? null,
      operationStatus: operation?.status ?? null,
      status: detail.status,
      stackStatus,
      appUrl,
      rootCause: cause?.cause ?? null,
      specField: cause?.specField ?? null,
    };
    io.stdout(`${JSON.stringify(result)}\n`);
  }
  if (succeeded) {
    if (!context.json) {
      const stack = stackStatus ? ` (${stackStatus})` : "";
      io.stdout(`${detail.name}: ${detail.status}${stack}${appUrl ? ` ${appUrl}` : ""}\n`);
    }
    return 0;
  }
  io.stderr(`stackyard: ${failureLine(detail.name, operation?.kind ?? "operation", stackStatus, cause)}\n`);
  return 1;
}
