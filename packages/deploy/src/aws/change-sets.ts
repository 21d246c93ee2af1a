// Change sets: what CloudFormation will do, shown to the user before anything changes.

import {
  type Change,
  type CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
} from "@aws-sdk/client-cloudformation";
import { type BackoffOptions, sleep, withThrottlingRetry } from "../backoff.js";
import type { DeployRequest, PreparedChange, ResourceChange } from "../driver.js";
import { DeployError, isNotBootstrapped, toDeployError } from "../errors.js";
import { errorText, type Logger } from "../logger.js";
import { deployedParameterKeys, resolveChangeSetParameters, ssmClientFor } from "./parameters.js";

const MAX_POLL_MS = 15_000;

export interface ChangeSetTiming {
  pollMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

// IAM resources with a custom name need CAPABILITY_NAMED_IAM; unnamed ones only CAPABILITY_IAM
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/control-access-with-iam.html#using-iam-capabilities).
const IAM_NAME_PROPERTIES: Record<string, string> = {
  "AWS::IAM::Role": "RoleName",
  "AWS::IAM::User": "UserName",
  "AWS::IAM::Group": "GroupName",
  "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
  "AWS::IAM::InstanceProfile": "InstanceProfileName",
};

/** The capabilities this template needs: CAPABILITY_NAMED_IAM only when an IAM resource sets a name. */
export function capabilitiesFor(templateBody: string): ("CAPABILITY_IAM" | "CAPABILITY_NAMED_IAM")[] {
  const resources =
    (
      JSON.parse(templateBody) as {
        Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
      }
    ).Resources ?? {};
  const named = Object.values(resources).some((resource) => {
    const property = IAM_NAME_PROPERTIES[resource.Type ?? ""];
    return property !== undefined && resource.Properties?.[property] !== undefined;
  });
  return named ? ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"] : ["CAPABILITY_IAM"];
}

function changeSetName(clientRequestToken: string): string {
  return `stackyard-${clientRequestToken}`.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 128);
}

export interface ChangeSetContext {
  timing?: ChangeSetTiming;
  backoff?: BackoffOptions;
  /** The bootstrap stack's CloudFormation service role: the stack's resources are made with its rights. */
  roleArn?: string;
  logger: Logger;
}

export async function createChangeSet(
  client: CloudFormationClient,
  kind: "create" | "update",
  request: DeployRequest,
  { timing = {}, backoff, roleArn, logger }: ChangeSetContext,
): Promise<PreparedChange> {
  const name = changeSetName(request.clientRequestToken);
  // An update names the stack the environment recorded (its ARN), never another stack of the same name.
  const stack = kind === "update" ? (request.stackId ?? request.stackName) : request.stackName;
  const deployedKeys =
    kind === "update"
      ? await withThrottlingRetry(() => deployedParameterKeys(client, stack), backoff)
      : new Set<string>();
  const parameters = await resolveChangeSetParameters(kind, request, deployedKeys, ssmClientFor(client));
  const created = await withThrottlingRetry(
    () =>
      client.send(
        new CreateChangeSetCommand({
          StackName: stack,
          ChangeSetName: name,
          ChangeSetType: kind === "create" ? "CREATE" : "UPDATE",
          TemplateBody: request.templateBody,
          Parameters: parameters,
          ...(roleArn ? { RoleARN: roleArn } : {}),
          Capabilities: capabilitiesFor(request.templateBody),
          Tags: Object.entries(request.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
          ClientToken: request.clientRequestToken,
        }),
      ),
    backoff,
  );
  const changeSetId = created.Id ?? name;
  let pages: DescribeChangeSetCommandOutput[];
  try {
    pages = await waitForChangeSet(client, stack, changeSetId, timing, backoff);
  } catch (error) {
    // A failed CREATE change set leaves its stack in REVIEW_IN_PROGRESS, holding the name until deleted
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets-create.html).
    // It is this request's own stack: delete it by the id CreateChangeSet returned, never by name.
    if (kind === "create" && created.StackId) {
      await deleteReviewStack(client, created.StackId, backoff).catch((failure: unknown) =>
        logger.warn(
          { stackId: created.StackId, reason: errorText(failure) },
          "could not delete a failed create's stack",
        ),
      );
    }
    throw error;
  }
  return {
    stackId: created.StackId ?? pages[0]?.StackId ?? request.stackName,
    changeSetId,
    changes: pages.flatMap((page) => (page.Changes ?? []).map(toResourceChange).filter((c) => c !== null)),
  };
}

async function deleteReviewStack(client: CloudFormationClient, stackId: string, backoff?: BackoffOptions) {
  await withThrottlingRetry(() => client.send(new DeleteStackCommand({ StackName: stackId })), backoff);
}

/** Polls every pollMs at first, then less often (x1.5 up to 15 s): a slow change set costs few calls. */
async function waitForChangeSet(
  client: CloudFormationClient,
  stackName: string,
  changeSetId: string,
  { pollMs = 2_000, timeoutMs = 300_000, sleep: wait = sleep }: ChangeSetTiming,
  backoff?: BackoffOptions,
): Promise<DescribeChangeSetCommandOutput[]> {
  let delay = pollMs;
  for (let waited = 0; waited <= timeoutMs; waited += delay, delay = Math.min(delay * 1.5, MAX_POLL_MS)) {
    const first = await describePage(client, stackName, changeSetId, undefined, backoff);
    if (first.Status === "CREATE_COMPLETE")
      return readRemainingPages(client, stackName, changeSetId, first, backoff);
    if (first.Status === "FAILED") {
      // An update with nothing to change "fails" with this reason: that is not an error for the user.
      if (/didn't contain changes|No updates are to be performed/i.test(first.StatusReason ?? ""))
        return [first];
      const reason = first.StatusReason ?? "no reason given";
      if (isNotBootstrapped(reason)) throw toDeployError(new Error(reason));
      throw new DeployError("CHANGE_SET_FAILED", `CloudFormation could not prepare the change: ${reason}`);
    }
    await wait(delay);
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
