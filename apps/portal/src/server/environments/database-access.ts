// "Connect to the database": the exact commands for one environment, from its spec and stack outputs.
// On AWS the database is private: a tunnel through the bastion (SSM port forwarding, or SSH in SSH mode),
// then the MySQL client with the password read from Secrets Manager by the user's own AWS CLI. Locally,
// the mariadb client with the password read from the sandbox's secret file. The commands name where the
// secret is (an ARN, a file path), never the secret itself.
import "server-only";
import { type EnvironmentSpec, resolveSpec } from "@stackyard/templates";

/** RDS's master user (packages/templates render/database.ts); the bastion's motd names it too. */
const AWS_DB_USER = "notes_admin";
/** The bastion runs Ubuntu (render/instances.ts): its login user. */
const BASTION_OS_USER = "ubuntu";
const MYSQL_PORT = 3306;

export interface AccessStep {
  title: string;
  command: string;
  note?: string;
}

export type DatabaseAccess =
  | {
      available: true;
      mode: "ssm" | "ssh" | "local";
      steps: AccessStep[];
      docs: { title: string; url: string }[];
    }
  | { available: false; reason: string };

interface EnvironmentForAccess {
  target: "local" | "aws";
  region: string;
  status: string;
  spec: unknown;
  outputs: unknown;
}

export function databaseAccess(environment: EnvironmentForAccess): DatabaseAccess {
  const outputs = stringOutputs(environment.outputs);
  if (environment.status === "deleted" || environment.status === "deleting") {
    return {
      available: false,
      reason: `This environment is ${environment.status}: its database goes with it (a final snapshot or dump is kept).`,
    };
  }
  const { DbEndpoint, DbSecretArn } = outputs;
  if (!DbEndpoint || !DbSecretArn) {
    return { available: false, reason: "The database's address is known once the stack has been created." };
  }
  const known = { ...outputs, DbEndpoint, DbSecretArn };
  if (environment.target === "local") return localAccess(known);
  return awsAccess(resolveSpec(environment.spec), environment.region, known);
}

/** The outputs the commands use; the first two are there whenever a stack has been created. */
interface Outputs {
  DbEndpoint: string;
  DbSecretArn: string;
  DbName?: string;
  BastionInstanceId?: string;
  BastionPublicIp?: string;
}

function localAccess(outputs: Outputs): DatabaseAccess {
  const [host = "127.0.0.1", port = String(MYSQL_PORT)] = outputs.DbEndpoint.split(":");
  const secretFile = outputs.DbSecretArn.replace(/^file:\/\//, "");
  const file = quote(secretFile);
  return {
    available: true,
    mode: "local",
    steps: [
      {
        title: "Connect with the MariaDB client",
        command: [
          `MYSQL_PWD="$(jq -r .password ${file})" mariadb --host=${quote(host)} --port=${quote(port)}`,
          `--user="$(jq -r .username ${file})" ${quote(outputs.DbName ?? "notes")}`,
        ].join(" "),
        note: `Run it on the portal's machine. The user and password are read from the sandbox's secret file (${secretFile}, readable by the portal's user only) as notes-api reads them, so they never appear on screen or in the shell history.`,
      },
    ],
    docs: [
      { title: "mariadb client options", url: "https://mariadb.com/kb/en/mariadb-command-line-client/" },
    ],
  };
}

function awsAccess(spec: EnvironmentSpec, region: string, outputs: Outputs): DatabaseAccess {
  const bastion = outputs.BastionInstanceId;
  if (!spec.bastion.enabled || !bastion) {
    return {
      available: false,
      reason:
        "This environment has no bastion (bastion.enabled is false): its database accepts connections only from the app's tasks. Update the environment with the bastion enabled to reach it.",
    };
  }
  const r = `--region ${quote(region)}`;
  const secret = `aws secretsmanager get-secret-value ${r} --secret-id ${quote(outputs.DbSecretArn)} --query SecretString --output text`;
  const tunnel =
    spec.bastion.access === "ssh" ? sshTunnel(spec, r, bastion, outputs) : ssmTunnel(r, bastion, outputs);
  return {
    available: true,
    mode: spec.bastion.access,
    steps: [
      ...tunnel.steps,
      {
        title: "Read the database credentials (Secrets Manager)",
        command: secret,
        note: "Prints the secret's JSON (username and password): keep it off shared screens. Needs secretsmanager:GetSecretValue on this secret; RDS rotates it every 7 days.",
      },
      {
        title: "Connect through the tunnel (in a second terminal)",
        command: `MYSQL_PWD="$(${secret} | jq -r .password)" mysql --ssl-mode=REQUIRED --host=127.0.0.1 --port=${MYSQL_PORT} --user=${AWS_DB_USER} ${quote(spec.database.name)}`,
        note: "The password goes from Secrets Manager straight to the client, never onto the screen or into the shell history. The database refuses unencrypted connections (require_secure_transport): --ssl-mode=REQUIRED is the MySQL client's flag; with the MariaDB client write --ssl instead.",
      },
    ],
    docs: [
      ...tunnel.docs,
      {
        title: "AWS CLI: secretsmanager get-secret-value",
        url: "https://docs.aws.amazon.com/cli/latest/reference/secretsmanager/get-secret-value.html",
      },
    ],
  };
}

function ssmTunnel(r: string, bastion: string, outputs: Outputs) {
  const parameters = `host=${outputs.DbEndpoint},portNumber=${MYSQL_PORT},localPortNumber=${MYSQL_PORT}`;
  return {
    steps: [
      {
        title: "Open a tunnel to the database through the bastion (SSM Session Manager; keep it running)",
        command: `aws ssm start-session ${r} --target ${quote(bastion)} --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters ${quote(parameters)}`,
        note: "Needs the Session Manager plugin for the AWS CLI and ssm:StartSession on the bastion. No port is open on the bastion: the session goes through the SSM service. If port 3306 is taken on your machine, change localPortNumber and --port below.",
      },
    ],
    docs: [
      {
        title: "Session Manager: port forwarding to a remote host",
        url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-sessions-start.html#sessions-remote-port-forwarding",
      },
      {
        title: "Install the Session Manager plugin for the AWS CLI",
        url: "https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html",
      },
    ],
  };
}

function sshTunnel(spec: EnvironmentSpec, r: string, bastion: string, outputs: Outputs) {
  const address = outputs.BastionPublicIp ?? "<BastionPublicIp output>";
  const key = spec.bastion.sshKeyName;
  // The tilde stays outside the quotes, or the shell would not expand it.
  const identity = key ? `-i ~/.ssh/${quote(`${key}.pem`)} ` : "";
  const steps: AccessStep[] = [];
  if (!key) {
    steps.push({
      title: "Send your SSH public key to the bastion (EC2 Instance Connect; valid for 60 seconds)",
      command: `aws ec2-instance-connect send-ssh-public-key ${r} --instance-id ${quote(bastion)} --instance-os-user ${BASTION_OS_USER} --ssh-public-key file://~/.ssh/id_ed25519.pub`,
      note: "The bastion has no key pair: Instance Connect lets your own key in for one minute. Open the tunnel within that minute.",
    });
  }
  steps.push({
    title: "Open a tunnel to the database through the bastion (SSH; keep it running)",
    command: `ssh ${identity}-N -L ${MYSQL_PORT}:${outputs.DbEndpoint}:${MYSQL_PORT} ${BASTION_OS_USER}@${address}`,
    note: `Port 22 is open only to ${spec.bastion.sshAllowedCidr ?? "the allowed CIDR"}: run it from there.`,
  });
  return {
    steps,
    docs: [
      {
        title: "Connect with EC2 Instance Connect",
        url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-connect-methods.html",
      },
    ],
  };
}

function stringOutputs(outputs: unknown): Record<string, string> {
  if (!outputs || typeof outputs !== "object") return {};
  return Object.fromEntries(
    Object.entries(outputs as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}

/** A value as one shell word: left bare when it is plainly safe, single-quoted otherwise. */
export function quote(value: string): string {
  if (/^[A-Za-z0-9_./:=,@%+-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
