// The status of each resource for the architecture diagram, from the stack events: the current state
// comes from the same per-resource spans as the timeline; a failure is remembered through the rollback
// that follows it (the failed resource ends DELETE_COMPLETE, but the diagram must still point at it).
import {
  isDeletingStatus,
  isFailedStatus,
  isGoneStatus,
  isInProgressStatus,
  startsAnAttempt,
} from "@stackyard/deploy/status";
import { type ProgressEvent, resourceSpans } from "./progress";

export type NodeStatus = "not-started" | "in-progress" | "complete" | "failed" | "deleting" | "deleted";

export const NODE_STATUS_LABEL: Record<NodeStatus, string> = {
  "not-started": "not started",
  "in-progress": "in progress",
  complete: "complete",
  failed: "failed",
  deleting: "deleting",
  deleted: "deleted",
};

export interface StatusEvent extends ProgressEvent {
  resourceStatusReason?: string | null;
}

export interface ResourceState {
  status: NodeStatus;
  /** The reason of the resource's last *_FAILED event, until a new create or update of it starts. */
  failureReason: string | null;
}

/** Maps a CloudFormation resource status (CREATE_COMPLETE, DELETE_IN_PROGRESS, …) to a diagram state. */
function nodeStatusOf(resourceStatus: string | undefined): NodeStatus {
  if (!resourceStatus) return "not-started";
  if (isFailedStatus(resourceStatus)) return "failed";
  if (isGoneStatus(resourceStatus)) return "deleted";
  if (isDeletingStatus(resourceStatus)) return "deleting";
  if (isInProgressStatus(resourceStatus)) return "in-progress";
  return "complete";
}

function failureReasons(events: StatusEvent[]): Map<string, string | null> {
  const reasons = new Map<string, string | null>();
  const ordered = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  for (const event of ordered) {
    if (event.resourceType === "AWS::CloudFormation::Stack") continue;
    if (isFailedStatus(event.resourceStatus)) {
      reasons.set(event.logicalResourceId, event.resourceStatusReason || event.resourceStatus);
    } else if (startsAnAttempt(event.resourceStatus)) {
      reasons.delete(event.logicalResourceId);
    }
  }
  return reasons;
}

/** The state of every resource that has events; a resource without events has not started. */
export function resourceStates(events: StatusEvent[]): Map<string, ResourceState> {
  const failures = failureReasons(events);
  const states = new Map<string, ResourceState>();
  for (const span of resourceSpans(events)) {
    states.set(span.logicalResourceId, {
      status: nodeStatusOf(span.status),
      failureReason: failures.get(span.logicalResourceId) ?? null,
    });
  }
  return states;
}
