// The AWS target: CloudFormation through the SDK's default credential chain, on the server only.

import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  ValidateTemplateCommand,
} from "@aws-sdk/client-cloudformation";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { type BackoffOptions, withThrottlingRetry } from "../backoff.js";
import {
  type DeployDriver,
  type DeployRequest,
  type PreparedChange,
  type StackDescription,
  type StackEventRecord,
  type StackLocator,
  type StackRef,
  stackNameOf,
} from "../driver.js";
import { DeployError, isStackMissing, toDeployError } from "../errors.js";
import { defaultLogger, errorText, type Logger } from "../logger.js";
import { type ChangeSetTiming, createChangeSet } from "./change-sets.js";
import { AwsDriftDetector, type DriftPolling } from "./drift.js";
import { AwsHealthReader, type HealthClients } from "./health.js";
import { AwsLogReader } from "./logs.js";
import { readEventsSince } from "./stack-events.js";

/**
 * What to name in a call: the stack id (ARN) the environment recorded, so a call never reaches another
 * stack created later under the same name; the name until a stack id is known. CloudFormation accepts
 * either in StackName (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html).
 */
function stackIdentifier(stack: StackLocator): string {
  return typeof stack === "string" ? stack : (stack.stackId ?? stack.stackName);
}

/** The stack tag naming the environment that owns the stack (CloudFormation copies it to every resource). */
export const ENVIRONMENT_TAG = "stackyard:environment-id";

/** CloudFormation's limit for a template passed inline rather than through S3. */
export const MAX_INLINE_TEMPLATE_BYTES = 51_200;

export interface AwsDriverOptions {
  region: string;
  /** For LocalStack users; otherwise the SDK reads AWS_ENDPOINT_URL_CLOUDFORMATION itself. */
  endpoint?: string;
  client?: CloudFormationClient;
  changeSetTiming?: ChangeSetTiming;
  backoff?: BackoffOptions;
  /** Where warnings go (default: pino at LOG_LEVEL); the portal passes its own. */
  logger?: Logger;
  /**
   * The bootstrap stack's CloudFormation service role to pass on every change set (`cdk bootstrap`'s
   * pattern): the portal itself holds no rights to create the resources. Undefined: none is passed.
   */
  serviceRoleArn?: () => Promise<string | undefined>;
  /** ECS, ELBv2, EC2 and RDS clients for the health reader (tests mock them); made on first use otherwise. */
  healthClients?: HealthClients;
  /** How drift detection waits for CloudFormation (tests make the waits instant). */
  driftPolling?: DriftPolling;
  /** The app's CloudWatch Logs (tests pass a mocked client); default: one in the driver's region. */
  logsClient?: CloudWatchLogsClient;
}

export class AwsCloudFormationDriver implements DeployDriver {
  readonly target = "aws" as const;
  private readonly client: CloudFormationClient;
  private readonly logger: Logger;
  readonly drift: AwsDriftDetector;
  readonly health: AwsHealthReader;
  readonly logs: AwsLogReader;

  constructor(private readonly options: AwsDriverOptions) {
    this.logger = options.logger ?? defaultLogger();
    // One retry layer, ours (withThrottlingRetry, testable at the SDK boundary): the SDK's own retries on
    // top of it made up to 21 attempts of a throttled call.
    this.client =
      options.client ??
      new CloudFormationClient({ region: options.region, endpoint: options.endpoint, maxAttempts: 1 });
    this.health = new AwsHealthReader({
      region: options.region,
      cloudFormation: this.client,
      clients: options.healthClients,
      backoff: options.backoff,
    });
    const drift = { client: this.client, backoff: options.backoff, polling: options.driftPolling };
    this.drift = new AwsDriftDetector(drift);
    const logs = options.logsClient ?? new CloudWatchLogsClient({ region: options.region, maxAttempts: 1 });
    this.logs = new AwsLogReader({ logs, cfn: this.client, backoff: options.backoff });
  }

  async validate(templateBody: string): Promise<void> {
    const body = inlineTemplate(templateBody);
    await this.call(
      () => this.client.send(new ValidateTemplateCommand({ TemplateBody: body })),
      "TEMPLATE_INVALID",
    );
  }

  async prepare(kind: "create" | "update", request: DeployRequest): Promise<PreparedChange> {
    const inline = { ...request, templateBody: inlineTemplate(request.templateBody) };
    const roleArn = await this.options.serviceRoleArn?.();
    return this.mapErrors(() =>
      createChangeSet(this.client, kind, inline, {
        timing: this.options.changeSetTiming,
        backoff: this.options.backoff,
        roleArn,
        logger: this.logger,
      }),
    );
  }

  async execute(prepared: PreparedChange, request: DeployRequest): Promise<void> {
    if (!prepared.changeSetId)
      throw new DeployError("CHANGE_SET_FAILED", "there is no change set to execute");
    const stack = request.stackId ?? prepared.stackId ?? request.stackName;
    const isCreate = (await this.describe(stack))?.status === "REVIEW_IN_PROGRESS";
    await this.call(() =>
      this.client.send(
        new ExecuteChangeSetCommand({
          StackName: stack,
          ChangeSetName: prepared.changeSetId,
          ClientRequestToken: request.clientRequestToken,
        }),
      ),
    );
    // Protect what holds the user's data from an accidental console or CLI delete. Best effort: the
    // stack is being created either way, and a launch must not fail for want of this one permission.
    if (isCreate) {
      await this.setTerminationProtection(stack, true).catch((error: unknown) =>
        this.logger.warn({ stack, reason: errorText(error) }, "termination protection not set"),
      );
    }
  }

  async discard(stack: StackLocator, changeSetId: string): Promise<void> {
    await this.call(() =>
      this.client.send(
        new DeleteChangeSetCommand({ StackName: stackIdentifier(stack), ChangeSetName: changeSetId }),
      ),
    );
  }

  async describe(stack: StackLocator): Promise<StackDescription | null> {
    const stackName = stackNameOf(stack);
    try {
      const result = await this.call(() =>
        this.client.send(new DescribeStacksCommand({ StackName: stackIdentifier(stack) })),
      );
      const found = result.Stacks?.[0];
      if (!found?.StackId || !found.StackStatus) return null;
      return {
        stackId: found.StackId,
        stackName: found.StackName ?? stackName,
        status: found.StackStatus,
        statusReason: found.StackStatusReason,
        outputs: Object.fromEntries(
          (found.Outputs ?? []).map((o) => [o.OutputKey ?? "", o.OutputValue ?? ""]),
        ),
      };
    } catch (error) {
      if (isStackMissing(error)) return null;
      throw error;
    }
  }

  async eventsSince(stack: StackLocator, afterEventId?: string): Promise<StackEventRecord[]> {
    try {
      return await this.mapErrors(() =>
        readEventsSince(this.client, stackIdentifier(stack), afterEventId, this.options.backoff),
      );
    } catch (error) {
      // Looked up by name, a deleted stack "does not exist": it has no events left to give.
      if (isStackMissing(error)) return [];
      throw error;
    }
  }

  async delete(stack: StackLocator, clientRequestToken: string): Promise<void> {
    // Only ever by the recorded stack id: deleting by name could reach another environment's stack.
    const target = stackIdentifier(stack);
    if (typeof stack !== "string") await this.assertOwner(target, stack.environmentId);
    // The portal's delete is already confirmed by the user typing the name; protection guards the rest.
    await this.setTerminationProtection(target, false);
    await this.call(() =>
      this.client.send(new DeleteStackCommand({ StackName: target, ClientRequestToken: clientRequestToken })),
    );
  }

  async continueRollback(stack: StackRef, clientRequestToken: string): Promise<void> {
    const target = stackIdentifier(stack);
    await this.assertOwner(target, stack.environmentId);
    const roleArn = await this.options.serviceRoleArn?.();
    await this.call(() =>
      this.client.send(
        new ContinueUpdateRollbackCommand({
          StackName: target,
          ClientRequestToken: clientRequestToken,
          ...(roleArn ? { RoleARN: roleArn } : {}),
        }),
      ),
    );
  }

  /** Refuses a stack whose stackyard:environment-id tag names another environment. */
  private async assertOwner(stack: string, environmentId: string): Promise<void> {
    const result = await this.call(() => this.client.send(new DescribeStacksCommand({ StackName: stack })));
    const tag = result.Stacks?.[0]?.Tags?.find((t) => t.Key === ENVIRONMENT_TAG)?.Value;
    if (tag !== undefined && tag !== environmentId) {
      throw new DeployError(
        "NOT_OWNER",
        `Stack ${stack} belongs to environment ${tag}, not to this one; nothing was deleted`,
      );
    }
  }

  private async setTerminationProtection(stackName: string, enabled: boolean): Promise<void> {
    await this.call(() =>
      this.client.send(
        new UpdateTerminationProtectionCommand({
          StackName: stackName,
          EnableTerminationProtection: enabled,
        }),
      ),
    );
  }

  /** One SDK call, retried while throttled. */
  private call<T>(send: () => Promise<T>, invalidCode?: "TEMPLATE_INVALID"): Promise<T> {
    return this.mapErrors(() => withThrottlingRetry(send, this.options.backoff), invalidCode);
  }

  /** Multi-call work (paging, waiting) retries each call itself; here only its errors are translated. */
  private async mapErrors<T>(work: () => Promise<T>, invalidCode?: "TEMPLATE_INVALID"): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (invalidCode && error instanceof Error && error.name === "ValidationError") {
        throw new DeployError(invalidCode, `CloudFormation rejected the template: ${error.message}`, {
          cause: error,
        });
      }
      throw toDeployError(error);
    }
  }
}

/** Minified JSON when the pretty text is over the inline limit; a clear error when even that is. */
export function inlineTemplate(templateBody: string): string {
  if (Buffer.byteLength(templateBody) <= MAX_INLINE_TEMPLATE_BYTES) return templateBody;
  const compact = JSON.stringify(JSON.parse(templateBody));
  if (Buffer.byteLength(compact) <= MAX_INLINE_TEMPLATE_BYTES) return compact;
  throw new DeployError(
    "TEMPLATE_TOO_LARGE",
    `the template is ${Buffer.byteLength(compact)} bytes; CloudFormation accepts at most ${MAX_INLINE_TEMPLATE_BYTES} inline`,
  );
}
