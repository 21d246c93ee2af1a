// Change sets: what CloudFormation will do, shown to the user before anything changes.
import {
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
} from "@aws-sdk/client-cloudformation";
import { type BackoffOptions, sleep, withThrottlingRetry } from "../backoff";
import type { DeployRequest, PreparedChange, ResourceChange } from "../driver";
import { DeployError } from "../errors";
import { changeSetParameters, deployedParameterKeys } from "./parameters";

export interface ChangeSetTiming {
  pollMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

// The stack creates IAM roles for the tasks, the instances and flow logs.
const CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"] as const;

export function changeSetName(clientRequestToken: string): string {
  return `stackyard-${clientRequestToken}`.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 128);
}

export async function createChangeSet(
  client: CloudFormationClient,
  kind: "create" | "update",
  request: DeployRequest,
  timing: ChangeSetTiming = {},
  backoff?: BackoffOptions,
): Promise<PreparedChange> {
  const name = changeSetName(request.clientRequestToken);
  // An update names the stack the environment recorded (its ARN), never another stack of the same name.
  const stack = kind === "update" ? (request.stackId ?? request.stackName) : request.stackName;
  const deployedKeys =
    kind === "update"
      ? await withThrottlingRetry(() => deployedParameterKeys(client, stack), backoff)
      : new Set<string>();
  const created = await withThrottlingRetry(
    () =>
      client.send(
        new CreateChangeSetCommand({
          StackName: stack,
          ChangeSetName: name,
          ChangeSetType: kind === "create" ? "CREATE" : "UPDATE",
          TemplateBody: request.templateBody,
          Parameters: changeSetParameters(kind, request, deployedKeys),
          Capabilities: [...CAPABILITIES],
          Tags: Object.entries(request.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
          ClientToken: request.clientRequestToken,
        }),
      ),
    backoff,
  );
  const changeSetId = created.Id ?? name;
  const pages = await waitForChangeSet(client, stack, changeSetId, timing, backoff);
  return {
    stackId: created.StackId ?? pages[0]?.StackId ?? request.stackName,
    changeSetId,
    changes: pages.flatMap((page) => (page.Changes ?? []).map(toResourceChange).filter((c) => c !== null)),
  };
}

async function waitForChangeSet(
  client: CloudFormationClient,
  stackName: string,
  changeSetId: string,
  { pollMs = 2_000, timeoutMs = 300_000, sleep: wait = sleep }: ChangeSetTiming,
  backoff?: BackoffOptions,
): Promise<DescribeChangeSetCommandOutput[]> {
  for (let waited = 0; waited <= timeoutMs; waited += pollMs) {
    const first = await describePage(client, stackName, changeSetId, undefined, backoff);
    if (first.Status === "CREATE_COMPLETE")
      return readRemainingPages(client, stackName, changeSetId, first, backoff);
    if (first.Status === "FAILED") {
      // An update with nothing to change "fails" with this reason: that is not an error for the user.
      if (/didn't contain changes|No updates are to be performed/i.test(first.StatusReason ?? ""))
        return [first];
      throw new DeployError(
        "CHANGE_SET_FAILED",
        `CloudFormation could not prepare the change: ${first.StatusReason}`,
      );
    }
    await wait(pollMs);
  }
  throw new DeployError("CHANGE_SET_FAILED", `the change set was not ready within ${timeoutMs / 1000} s`);
}

async function readRemainingPages(
  client: CloudFormationClient,
  stackName: string,
  changeSetId: string,
  first: DescribeChangeSetCommandOutput,
  backoff?: BackoffOptions,
): Promise<DescribeChangeSetCommandOutput[]> {
  const pages = [first];
  let token = first.NextToken;
  while (token) {
    const page = await describePage(client, stackName, changeSetId, token, backoff);
    pages.push(page);
    token = page.NextToken;
  }
  return pages;
}

function describePage(
  client: CloudFormationClient,
  stackName: string,
  changeSetId: string,
  nextToken: string | undefined,
  backoff: BackoffOptions | undefined,
) {
  return withThrottlingRetry(
    () =>
      client.send(
        new DescribeChangeSetCommand({
          StackName: stackName,
          ChangeSetName: changeSetId,
          NextToken: nextToken,
        }),
      ),
    backoff,
  );
}

function toResourceChange(change: Change): ResourceChange | null {
  const rc = change.ResourceChange;
  if (!rc?.LogicalResourceId || !rc.Action) return null;
  return {
    action: rc.Action as ResourceChange["action"],
    logicalResourceId: rc.LogicalResourceId,
    resourceType: rc.ResourceType ?? "unknown",
    replacement: rc.Replacement as ResourceChange["replacement"],
  };
}
