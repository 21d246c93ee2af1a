// The Parameters of a change set. CloudFormation gives a template parameter left out of an update its
// Default, not the value deployed. Two of ours must keep what is deployed unless the portal sets them:
// - UbuntuAmiId resolves the latest Ubuntu AMI: re-resolving it on every update would replace the
//   nginx and bastion instances whenever Ubuntu publishes an image;
// - AppImage is set by the ImagePushCommands output (update-stack with a pushed image) when the spec names
//   no image: falling back to the empty Default would scale the service to 0 tasks.
import {
  type CloudFormationClient,
  DescribeStacksCommand,
  type Parameter,
} from "@aws-sdk/client-cloudformation";
import type { DeployRequest } from "../driver";

const APP_IMAGE = "AppImage";
const AMI = "UbuntuAmiId";

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
  for (const key of templateParameterKeys(request.templateBody)) {
    if (key in explicit || !kept.has(key) || !deployedKeys.has(key)) continue;
    parameters.push({ ParameterKey: key, UsePreviousValue: true });
  }
  return parameters;
}

/** The parameter keys of the deployed stack (none when it does not exist yet). */
export async function deployedParameterKeys(
  client: CloudFormationClient,
  stackName: string,
): Promise<Set<string>> {
  const answer = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  return new Set((answer?.Stacks?.[0]?.Parameters ?? []).map((p) => p.ParameterKey ?? ""));
}
