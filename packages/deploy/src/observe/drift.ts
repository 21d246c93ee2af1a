// Drift: whether the running environment still matches what was deployed. One result shape for both
// targets, CloudFormation's (StackResourceDrift and PropertyDifference), so the portal has one code path.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
import type { StackRef } from "../stack-ref.js";

/** CloudFormation's resource drift statuses; UNKNOWN and UNSUPPORTED are reported as NOT_CHECKED. */
export type ResourceDriftStatus = "IN_SYNC" | "MODIFIED" | "DELETED" | "NOT_CHECKED";

/** ADD: a value was added (to a list); REMOVE: a value is gone; NOT_EQUAL: the value differs. */
export type DriftDifferenceType = "ADD" | "REMOVE" | "NOT_EQUAL";

export interface PropertyDifference {
  /** Where, e.g. "/Tags/0/Value" on AWS, "/NginxConf/line 12" or "/Tasks/127.0.0.1:20001" locally. */
  propertyPath: string;
  expected: string;
  actual: string;
  differenceType: DriftDifferenceType;
}

export interface ResourceDrift {
  logicalResourceId: string;
  physicalResourceId?: string;
  resourceType: string;
  status: ResourceDriftStatus;
  differences: PropertyDifference[];
  /** Why it was not checked, or what is wrong in one sentence (never a secret). */
  reason?: string;
}

export interface DriftReport {
  /** DRIFTED when any resource is MODIFIED or DELETED. */
  stackStatus: "IN_SYNC" | "DRIFTED";
  detectedAt: Date;
  resources: ResourceDrift[];
  /** Set when the detection failed for some resources (CloudFormation's DETECTION_FAILED reason). */
  detectionFailure?: string;
}

export interface DriftCounts {
  inSync: number;
  modified: number;
  deleted: number;
  notChecked: number;
}

export interface DriftDetector {
  /** Detects drift now and waits for the result; throws a DeployError when it cannot run. */
  detect(stack: StackRef, options?: { signal?: AbortSignal }): Promise<DriftReport>;
}

export function driftCounts(resources: ResourceDrift[]): DriftCounts {
  const count = (status: ResourceDriftStatus) => resources.filter((r) => r.status === status).length;
  return {
    inSync: count("IN_SYNC"),
    modified: count("MODIFIED"),
    deleted: count("DELETED"),
    notChecked: count("NOT_CHECKED"),
  };
}

export function driftReport(
  resources: ResourceDrift[],
  detectedAt = new Date(),
  detectionFailure?: string,
): DriftReport {
  const drifted = resources.some((r) => r.status === "MODIFIED" || r.status === "DELETED");
  return {
    stackStatus: drifted ? "DRIFTED" : "IN_SYNC",
    detectedAt,
    resources,
    ...(detectionFailure ? { detectionFailure } : {}),
  };
}
