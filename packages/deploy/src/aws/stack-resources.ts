// The stack's resources and their physical ids (cluster name, service ARN, target group ARN, instance id,
// DB instance identifier, log group name), from CloudFormation ListStackResources: the operations features
// (health, logs, drift) find what to describe here rather than re-deriving names CloudFormation generated.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListStackResources.html
import {
  type CloudFormationClient,
  ListStackResourcesCommand,
  type StackResourceSummary,
} from "@aws-sdk/client-cloudformation";
import { type BackoffOptions, withThrottlingRetry } from "../backoff.js";

export interface StackResource {
  logicalId: string;
  type: string;
  /** Absent while the resource is being created (or after its creation failed). */
  physicalId?: string;
  status: string;
}

/** Every resource of the stack, all pages (ListStackResources pages by NextToken), each call retried. */
export async function listStackResources(
  client: CloudFormationClient,
  stack: string,
  backoff?: BackoffOptions,
): Promise<StackResource[]> {
  const resources: StackResource[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withThrottlingRetry(
      () => client.send(new ListStackResourcesCommand({ StackName: stack, NextToken: nextToken })),
      backoff,
    );
    resources.push(...(page.StackResourceSummaries ?? []).map(toResource));
    nextToken = page.NextToken;
  } while (nextToken);
  return resources;
}

function toResource(summary: StackResourceSummary): StackResource {
  return {
    logicalId: summary.LogicalResourceId ?? "",
    type: summary.ResourceType ?? "",
    ...(summary.PhysicalResourceId ? { physicalId: summary.PhysicalResourceId } : {}),
    status: summary.ResourceStatus ?? "",
  };
}

/** The physical id of the resource with this logical id (or, without one, the only one of this type). */
export function physicalIdOf(
  resources: StackResource[],
  type: string,
  logicalId?: string,
): string | undefined {
  const matches = resources.filter((r) => r.type === type && (!logicalId || r.logicalId === logicalId));
  return matches.length === 1 ? matches[0]?.physicalId : undefined;
}
