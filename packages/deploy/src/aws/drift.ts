// The `drift` capability on AWS: DetectStackDrift, then DescribeStackDriftDetectionStatus until the
// detection is DETECTION_COMPLETE or DETECTION_FAILED (bounded, with growing waits), then every page of
// DescribeStackResourceDrifts. Resource types CloudFormation cannot check are not in those results: the
// stack's other resources (ListStackResources) are reported NOT_CHECKED.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackDriftDetectionStatus.html
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResourceDrifts.html
import {
  type CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  type DescribeStackDriftDetectionStatusCommandOutput,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
  type StackResourceDrift,
} from "@aws-sdk/client-cloudformation";
import { type BackoffOptions, sleep, withThrottlingRetry } from "../backoff.js";
import type { StackRef } from "../driver.js";
import { DeployError, isStackMissing, toDeployError } from "../errors.js";
import {
  type DriftDetector,
  type DriftReport,
  driftReport,
  type PropertyDifference,
  type ResourceDrift,
  type ResourceDriftStatus,
} from "../observe/drift.js";
import { listStackResources } from "./stack-resources.js";

export interface DriftPolling {
  /** First wait before asking for the status; each later wait is 1.5× longer, up to maxIntervalMs. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** "DetectStackDrift can take up to several minutes": give up waiting (not the detection) after this. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AwsDriftOptions {
  client: CloudFormationClient;
  backoff?: BackoffOptions;
  polling?: DriftPolling;
}

const NOT_SUPPORTED =
  "CloudFormation does not support drift detection for this resource type, so it was not checked";

export class AwsDriftDetector implements DriftDetector {
  constructor(private readonly options: AwsDriftOptions) {}

  async detect(stack: StackRef, options: { signal?: AbortSignal } = {}): Promise<DriftReport> {
    const name = stack.stackId ?? stack.stackName;
    try {
      const started = await this.call(() =>
        this.options.client.send(new DetectStackDriftCommand({ StackName: name })),
      );
      const id = started.StackDriftDetectionId;
      if (!id) throw new DeployError("TARGET_ERROR", "CloudFormation returned no drift detection id");
      const status = await this.waitForDetection(id, options.signal);
      const checked = await this.resourceDrifts(name);
      const all = await listStackResources(this.options.client, name, this.options.backoff);
      const byId = new Map(checked.map((d) => [d.logicalResourceId, d]));
      const resources = all.map<ResourceDrift>(
        (r) =>
          byId.get(r.logicalId) ?? {
            logicalResourceId: r.logicalId,
            ...(r.physicalId ? { physicalResourceId: r.physicalId } : {}),
            resourceType: r.type,
            status: "NOT_CHECKED",
            differences: [],
            reason: NOT_SUPPORTED,
          },
      );
      const listed = new Set(all.map((r) => r.logicalId));
      resources.push(...checked.filter((d) => !listed.has(d.logicalResourceId)));
      const failure =
        status.DetectionStatus === "DETECTION_FAILED"
          ? (status.DetectionStatusReason ?? "drift detection failed for at least one resource")
          : undefined;
      return driftReport(resources, status.Timestamp ?? new Date(), failure);
    } catch (error) {
      throw driftError(error, stack.stackName);
    }
  }

  /** Polls the detection until it ends; throws once timeoutMs has passed (CloudFormation carries on). */
  private async waitForDetection(
    id: string,
    signal?: AbortSignal,
  ): Promise<DescribeStackDriftDetectionStatusCommandOutput> {
    const { intervalMs = 2000, maxIntervalMs = 15_000, timeoutMs = 300_000 } = this.options.polling ?? {};
    const wait = this.options.polling?.sleep ?? sleep;
    let waited = 0;
    let interval = intervalMs;
    for (;;) {
      if (signal?.aborted) throw new DeployError("TARGET_ERROR", "drift detection was cancelled");
      await wait(interval);
      waited += interval;
      const status = await this.call(() =>
        this.options.client.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id })),
      );
      if (status.DetectionStatus !== "DETECTION_IN_PROGRESS") return status;
      if (waited >= timeoutMs) {
        throw new DeployError(
          "TARGET_ERROR",
          `drift detection ${id} did not finish within ${Math.round(timeoutMs / 1000)} s; CloudFormation carries on with it: detect again later`,
        );
      }
      interval = Math.min(maxIntervalMs, Math.round(interval * 1.5));
    }
  }

  /** Every page of DescribeStackResourceDrifts (NextToken), each call retried while throttled. */
  private async resourceDrifts(stack: string): Promise<ResourceDrift[]> {
    const drifts: ResourceDrift[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.call(() =>
        this.options.client.send(
          new DescribeStackResourceDriftsCommand({ StackName: stack, NextToken: nextToken }),
        ),
      );
      drifts.push(...(page.StackResourceDrifts ?? []).map(toResourceDrift));
      nextToken = page.NextToken;
    } while (nextToken);
    return drifts;
  }

  private call<T>(send: () => Promise<T>): Promise<T> {
    return withThrottlingRetry(send, this.options.backoff);
  }
}

/** UNKNOWN and UNSUPPORTED (newer SDK values) are shown as NOT_CHECKED, with CloudFormation's word kept. */
function statusOf(drift: StackResourceDrift): { status: ResourceDriftStatus; reason?: string } {
  const raw = drift.StackResourceDriftStatus;
  if (raw === "IN_SYNC" || raw === "MODIFIED" || raw === "DELETED" || raw === "NOT_CHECKED") {
    return { status: raw };
  }
  return { status: "NOT_CHECKED", reason: `CloudFormation reported ${raw ?? "no status"}` };
}

/**
 * A property someone changed by hand may now hold a secret (a password typed into a task's environment):
 * values under a path that names one are never passed on, only that they differ.
 */
const SECRET_PATH = /password|secret|token|credential|private.?key|api.?key/i;
export const HIDDEN_VALUE = "(hidden: the property may hold a secret)";

function toResourceDrift(drift: StackResourceDrift): ResourceDrift {
  const differences = (drift.PropertyDifferences ?? []).map<PropertyDifference>((d) => {
    const propertyPath = d.PropertyPath ?? "";
    const hide = SECRET_PATH.test(propertyPath);
    return {
      propertyPath,
      expected: hide ? HIDDEN_VALUE : (d.ExpectedValue ?? ""),
      actual: hide ? HIDDEN_VALUE : (d.ActualValue ?? ""),
      differenceType: d.DifferenceType ?? "NOT_EQUAL",
    };
  });
  return {
    logicalResourceId: drift.LogicalResourceId ?? "",
    ...(drift.PhysicalResourceId ? { physicalResourceId: drift.PhysicalResourceId } : {}),
    resourceType: drift.ResourceType ?? "",
    ...statusOf(drift),
    differences,
  };
}

/** A person-readable DeployError: the stack gone, access denied, or CloudFormation's refusal as it said it. */
function driftError(error: unknown, stackName: string): unknown {
  if (isStackMissing(error)) {
    return new DeployError("STACK_NOT_FOUND", `Stack [${stackName}] does not exist`, { cause: error });
  }
  const mapped = toDeployError(error);
  if (mapped instanceof DeployError || !(error instanceof Error)) return mapped;
  if (error.name === "ValidationError") {
    return new DeployError("TARGET_ERROR", `CloudFormation refused drift detection: ${error.message}`, {
      cause: error,
    });
  }
  return error;
}
