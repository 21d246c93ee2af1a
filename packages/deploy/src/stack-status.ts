// CloudFormation's stack and resource statuses, as types and named sets. Every place that tests a status
// uses these, so a misspelt status is a compile error, not a branch that never runs. Pure (no imports):
// the browser's dashboard shares it through "@stackyard/deploy/status".
// Stack statuses: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html
// Resource statuses: https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html

export const STACK_STATUSES = [
  "CREATE_IN_PROGRESS",
  "CREATE_FAILED",
  "CREATE_COMPLETE",
  "ROLLBACK_IN_PROGRESS",
  "ROLLBACK_FAILED",
  "ROLLBACK_COMPLETE",
  "DELETE_IN_PROGRESS",
  "DELETE_FAILED",
  "DELETE_COMPLETE",
  "UPDATE_IN_PROGRESS",
  "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS",
  "UPDATE_COMPLETE",
  "UPDATE_FAILED",
  "UPDATE_ROLLBACK_IN_PROGRESS",
  "UPDATE_ROLLBACK_FAILED",
  "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
  "UPDATE_ROLLBACK_COMPLETE",
  "REVIEW_IN_PROGRESS",
  "IMPORT_IN_PROGRESS",
  "IMPORT_COMPLETE",
  "IMPORT_ROLLBACK_IN_PROGRESS",
  "IMPORT_ROLLBACK_FAILED",
  "IMPORT_ROLLBACK_COMPLETE",
] as const;

export type StackStatus = (typeof STACK_STATUSES)[number];

export const RESOURCE_STATUSES = [
  "CREATE_IN_PROGRESS",
  "CREATE_FAILED",
  "CREATE_COMPLETE",
  "DELETE_IN_PROGRESS",
  "DELETE_FAILED",
  "DELETE_COMPLETE",
  "DELETE_SKIPPED",
  "UPDATE_IN_PROGRESS",
  "UPDATE_FAILED",
  "UPDATE_COMPLETE",
  "IMPORT_FAILED",
  "IMPORT_COMPLETE",
  "IMPORT_IN_PROGRESS",
  "IMPORT_ROLLBACK_IN_PROGRESS",
  "IMPORT_ROLLBACK_FAILED",
  "IMPORT_ROLLBACK_COMPLETE",
  "EXPORT_FAILED",
  "EXPORT_COMPLETE",
  "EXPORT_IN_PROGRESS",
  "EXPORT_ROLLBACK_IN_PROGRESS",
  "EXPORT_ROLLBACK_FAILED",
  "EXPORT_ROLLBACK_COMPLETE",
  "UPDATE_ROLLBACK_IN_PROGRESS",
  "UPDATE_ROLLBACK_COMPLETE",
  "UPDATE_ROLLBACK_FAILED",
  "ROLLBACK_IN_PROGRESS",
  "ROLLBACK_COMPLETE",
  "ROLLBACK_FAILED",
] as const;

export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** Either kind: an event's status is a resource's, or the stack's own on its AWS::CloudFormation::Stack row. */
export type AnyStatus = StackStatus | ResourceStatus;

const stackStatuses: ReadonlySet<string> = new Set(STACK_STATUSES);
const resourceStatuses: ReadonlySet<string> = new Set(RESOURCE_STATUSES);

export const isStackStatus = (status: string): status is StackStatus => stackStatuses.has(status);
export const isResourceStatus = (status: string): status is ResourceStatus => resourceStatuses.has(status);

/** Reads a stored or received status; one CloudFormation added after this list is refused loudly. */
export function parseStackStatus(status: string): StackStatus {
  if (!isStackStatus(status)) throw new Error(`unknown CloudFormation stack status: ${status}`);
  return status;
}

/** Reads a stored event's status (the table keeps what the target reported). */
export function parseEventStatus(status: string): AnyStatus {
  if (!isStackStatus(status) && !isResourceStatus(status)) {
    throw new Error(`unknown CloudFormation resource status: ${status}`);
  }
  return status;
}

function setOf<T extends string>(all: readonly T[], test: (status: T) => boolean): ReadonlySet<T> {
  return new Set(all.filter(test));
}

/** Work is going on: poll again. */
export const IN_PROGRESS: ReadonlySet<StackStatus> = setOf(STACK_STATUSES, (s) => s.endsWith("_IN_PROGRESS"));

/** The change asked for was made. */
export const COMPLETE: ReadonlySet<StackStatus> = new Set<StackStatus>([
  "CREATE_COMPLETE",
  "UPDATE_COMPLETE",
  "IMPORT_COMPLETE",
  "DELETE_COMPLETE",
]);

/** The stack stopped in a failed state that needs a person (a retry, a continued rollback, a delete). */
export const FAILED: ReadonlySet<StackStatus> = setOf(STACK_STATUSES, (s) => s.endsWith("_FAILED"));

/** The change was undone: the stack is back where it was (or, after a failed create, empty). */
export const ROLLED_BACK: ReadonlySet<StackStatus> = new Set<StackStatus>([
  "ROLLBACK_COMPLETE",
  "UPDATE_ROLLBACK_COMPLETE",
  "IMPORT_ROLLBACK_COMPLETE",
]);

/** Rolling back now. */
export const ROLLING_BACK: ReadonlySet<StackStatus> = setOf(
  STACK_STATUSES,
  (s) => s.includes("ROLLBACK") && s.endsWith("_IN_PROGRESS"),
);

export const DELETING: ReadonlySet<StackStatus> = new Set<StackStatus>(["DELETE_IN_PROGRESS"]);

/** The stack serves its last good template: what a live environment's stack is in. */
export const SERVING: ReadonlySet<StackStatus> = new Set<StackStatus>([
  "CREATE_COMPLETE",
  "UPDATE_COMPLETE",
  "UPDATE_ROLLBACK_COMPLETE",
  "IMPORT_COMPLETE",
]);

/** Polling stops once one of these is reached. */
export const isTerminalStatus = (status: StackStatus): boolean => !IN_PROGRESS.has(status);

// CloudFormation's naming convention, so these also place a status added after the lists above.
/** A status that records a failure: the events a root cause is looked for in. */
export const isFailedStatus = (status: string): boolean => status.endsWith("_FAILED");

export const isInProgressStatus = (status: string): boolean => status.endsWith("_IN_PROGRESS");

/** A resource's status that starts a new attempt at it (its earlier failure no longer applies). */
export const startsAnAttempt = (status: string): boolean =>
  status === ("CREATE_IN_PROGRESS" satisfies ResourceStatus) ||
  status === ("UPDATE_IN_PROGRESS" satisfies ResourceStatus) ||
  status === ("IMPORT_IN_PROGRESS" satisfies ResourceStatus);

/** The resource is no longer part of the stack (DELETE_SKIPPED: retained, but out of the stack). */
export const isGoneStatus = (status: string): boolean =>
  status === ("DELETE_COMPLETE" satisfies ResourceStatus) ||
  status === ("DELETE_SKIPPED" satisfies ResourceStatus);

export const isDeletingStatus = (status: string): boolean =>
  status === ("DELETE_IN_PROGRESS" satisfies ResourceStatus);

/** The status an interrupted operation ends in: CREATE_IN_PROGRESS → CREATE_FAILED, and so on. */
export function failedFrom(status: ResourceStatus): ResourceStatus {
  const failed = status.replace(/_IN_PROGRESS$/, "_FAILED");
  return isResourceStatus(failed) ? failed : status;
}

/** The same for the stack itself (its statuses are a different list: IMPORT_FAILED is not one). */
export function stackFailedFrom(status: StackStatus): StackStatus {
  const failed = status.replace(/_IN_PROGRESS$/, "_FAILED");
  return isStackStatus(failed) ? failed : status;
}
