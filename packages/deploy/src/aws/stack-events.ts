// Reads stack events incrementally. DescribeStackEvents pages newest first, so we read pages only until
// we reach the newest event already seen: a poll costs one call once a stack is quiet, not the history.
import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  type StackEvent,
} from "@aws-sdk/client-cloudformation";
import { type BackoffOptions, withThrottlingRetry } from "../backoff.js";
import type { StackEventRecord } from "../driver.js";

export async function readEventsSince(
  client: CloudFormationClient,
  stackName: string,
  afterEventId: string | undefined,
  backoff?: BackoffOptions,
): Promise<StackEventRecord[]> {
  const newestFirst: StackEventRecord[] = [];
  let nextToken: string | undefined;
  do {
    const page = await withThrottlingRetry(
      () => client.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: nextToken })),
      backoff,
    );
    for (const event of page.StackEvents ?? []) {
      if (afterEventId && event.EventId === afterEventId) return newestFirst.reverse();
      const record = toRecord(event);
      if (record) newestFirst.push(record);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return newestFirst.reverse();
}

function toRecord(event: StackEvent): StackEventRecord | null {
  if (!event.EventId || !event.LogicalResourceId || !event.ResourceStatus || !event.Timestamp) return null;
  return {
    eventId: event.EventId,
    stackName: event.StackName ?? "",
    logicalResourceId: event.LogicalResourceId,
    physicalResourceId: event.PhysicalResourceId || undefined,
    resourceType: event.ResourceType ?? "unknown",
    resourceStatus: event.ResourceStatus,
    resourceStatusReason: event.ResourceStatusReason || undefined,
    clientRequestToken: event.ClientRequestToken || undefined,
    timestamp: event.Timestamp,
  };
}
