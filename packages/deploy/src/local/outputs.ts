// Stack outputs with the template's keys and local values. Nothing secret: the database password stays
// in the secret file notes-api reads (db-secret.json), whose path stands in for the Secrets Manager ARN.
import { SIMULATED } from "./events.js";
import type { StackPaths } from "./paths.js";
import { secretFilePath } from "./secret-file.js";
import type { SandboxPlan } from "./state-store.js";

export function localOutputs(
  templateBody: string,
  stackName: string,
  plan: SandboxPlan,
  paths: StackPaths,
): Record<string, string> {
  const template = JSON.parse(templateBody) as { Outputs?: Record<string, unknown> };
  const known: Record<string, string> = {
    AppUrl: `http://127.0.0.1:${plan.nginxPort}`,
    NginxPublicIp: "127.0.0.1",
    AlbDnsName: `nginx upstream over ${plan.taskPorts.map((p) => `127.0.0.1:${p}`).join(", ")}`,
    DbEndpoint: `${plan.database.host}:${plan.database.port}`,
    DbSecretArn: `file://${secretFilePath(paths.root)}`,
    EcrRepositoryUri: "local build: apps/notes-api/dist (npm run build -w @stackyard/notes-api)",
    ImagePushCommands: "npm run build -w @stackyard/notes-api, then update the environment",
    ClusterName: `${stackName}-local`,
    ServiceName: `${stackName}-notes-api`,
  };
  const outputs: Record<string, string> = {};
  for (const key of Object.keys(template.Outputs ?? {})) outputs[key] = known[key] ?? SIMULATED;
  // Locally the database is not the spec's name on a host of its own: say which one it is.
  outputs.DbName = plan.database.name;
  outputs.SandboxFolder = paths.root;
  return outputs;
}
