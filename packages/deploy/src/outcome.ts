// What a terminal stack status means for the operation and the environment.

import type { OperationKind } from "@stackyard/db";
import type { StackStatus } from "./stack-status.js";

export interface Outcome {
  operationStatus: "succeeded" | "failed" | "rolled_back";
  environmentStatus: "live" | "failed" | "deleted";
}

export function outcomeOf(kind: OperationKind, stackStatus: StackStatus | null): Outcome {
  if (kind === "delete") {
    return stackStatus === null || stackStatus === "DELETE_COMPLETE"
      ? { operationStatus: "succeeded", environmentStatus: "deleted" }
      : { operationStatus: "failed", environmentStatus: "failed" };
  }
  if (stackStatus === "CREATE_COMPLETE" || stackStatus === "UPDATE_COMPLETE") {
    return { operationStatus: "succeeded", environmentStatus: "live" };
  }
  // A rolled-back update leaves the previous version running.
  if (stackStatus === "UPDATE_ROLLBACK_COMPLETE")
    return { operationStatus: "rolled_back", environmentStatus: "live" };
  if (stackStatus === "ROLLBACK_COMPLETE")
    return { operationStatus: "rolled_back", environmentStatus: "failed" };
  return { operationStatus: "failed", environmentStatus: "failed" };
}
