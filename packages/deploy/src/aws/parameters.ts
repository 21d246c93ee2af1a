// The Parameters of a change set. CloudFormation gives a template parameter left out of an update its
// Default, not the value deployed. Two of ours must keep what is deployed unless the portal sets them:
// - UbuntuAmiId is the Ubuntu AMI the instances boot, a plain AWS::EC2::Image::Id resolved here once, when
//   the stack is created (from Canonical's public SSM parameter), or when an update asks for a refresh
//   (refreshAmi). Re-resolving it on every update would replace the nginx and bastion instances whenever
//   Ubuntu publishes an image. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
// - AppImage is set by the ImagePushCommands output (update-stack with a pushed image) when the spec names
//   no image: falling back to the empty Default would scale the service to 0 tasks.
import {
  type CloudFormationClient,
  DescribeStacksCommand,
  type Parameter,
} from "@aws-sdk/client-cloudformation";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { AMI_PARAMETER, UBUNTU_AMI_SSM_PARAMETER } from "@stackyard/templates";
import type { DeployRequest } from "../driver.js";

const APP_IMAGE: string = "AppImage";
const AMI: string = AMI_PARAMETER;

/**
 * The deployed stack's parameter keys; for a parameter of an SSM parameter type also the value it resolved
 * to (DescribeStacks' ResolvedValue), so that a stack rendered before UbuntuAmiId became a plain image ID
 * keeps the AMI it runs instead of being handed the SSM parameter's name.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html
 */
export class DeployedParameterKeys extends Set<string> {
  readonly resolved = new Map<string, string>();
}

/** The parameter keys the template declares. */
function templateParameterKeys(templateBody: string): string[] {
  const parsed = JSON.parse(templateBody) as { Parameters?: Record<string, unknown> };
  return Object.keys(parsed.Parameters ?? {});
}

/** Which deployed parameters an update keeps (UsePreviousValue) rather than resetting to the Default. */
function keptOnUpdate(request: DeployRequest): Set<string> {
  const kept = new Set([AMI]);
  if (!request.spec.app.image) kept.add(APP_IMAGE);
  return kept;
}

/**
 * Explicit values first; on an update, each kept key that both the new template and the deployed stack
 * have is sent as UsePreviousValue (asking for a previous value the stack never had is an error).
 */
export function changeSetParameters(
  kind: "create" | "update",
  request: DeployRequest,
  deployedKeys: ReadonlySet<string>,
): Parameter[] {
  const explicit = request.parameters ?? {};
  const parameters: Parameter[] = Object.entries(explicit).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue,
  }));
  if (kind === "create") return parameters;
  const kept = keptOnUpdate(request);
  const resolved = deployedKeys instanceof DeployedParameterKeys ? deployedKeys.resolved : new Map();
  for (const key of templateParameterKeys(request.templateBody)) {
    if (key in explicit || !kept.has(key) || !deployedKeys.has(key)) continue;
    const value = resolved.get(key);
    parameters.push(
      value ? { ParameterKey: key, ParameterValue: value } : { ParameterKey: key, UsePreviousValue: true },
    );
  }
  return parameters;
}

/** Canonical's current Ubuntu 24.04 amd64 AMI in the client's region (a public SSM parameter). */
async function resolveUbuntuAmi(ssm: Pick<SSMClient, "send">): Promise<string> {
  // https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
  const answer = await ssm.send(new GetParameterCommand({ Name: UBUNTU_AMI_SSM_PARAMETER }));
  const value = answer.Parameter?.Value ?? "";
  if (!/^ami-[0-9a-f]{8,17}$/.test(value)) {
    throw new Error(`SSM parameter ${UBUNTU_AMI_SSM_PARAMETER} did not hold an AMI ID (got "${value}")`);
  }
  return value;
}

/** An SSM client in the CloudFormation client's region, with the same credentials. */
export function ssmClientFor(client: CloudFormationClient): SSMClient {
  return new SSMClient({ region: client.config.region, credentials: client.config.credentials });
}

/**
 * changeSetParameters, plus the AMI where one is needed: on a create, on an update whose deployed stack has
 * no UbuntuAmiId yet (it gained its first instance), and on an update with refreshAmi. Otherwise the
 * deployed AMI is kept, and SSM is not asked.
 */
export async function resolveChangeSetParameters(
  kind: "create" | "update",
  request: DeployRequest,
  deployedKeys: ReadonlySet<string>,
  ssm: Pick<SSMClient, "send">,
): Promise<Parameter[]> {
  const explicit = request.parameters ?? {};
  const needsAmi =
    templateParameterKeys(request.templateBody).includes(AMI) &&
    !(AMI in explicit) &&
    (kind === "create" || request.refreshAmi === true || !deployedKeys.has(AMI));
  if (!needsAmi) return changeSetParameters(kind, request, deployedKeys);
  const parameters = { ...explicit, [AMI]: await resolveUbuntuAmi(ssm) };
  return changeSetParameters(kind, { ...request, parameters }, deployedKeys);
}

/** The parameter keys of the deployed stack (none when it does not exist yet). */
export async function deployedParameterKeys(
  client: CloudFormationClient,
  stackName: string,
): Promise<DeployedParameterKeys> {
  const answer = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const keys = new DeployedParameterKeys();
  for (const parameter of answer?.Stacks?.[0]?.Parameters ?? []) {
    const key = parameter.ParameterKey ?? "";
    keys.add(key);
    if (parameter.ResolvedValue) keys.resolved.set(key, parameter.ResolvedValue);
  }
  return keys;
}
