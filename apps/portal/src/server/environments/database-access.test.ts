// The AWS commands, from a spec and the stack outputs CloudFormation returns (DescribeStacks' Outputs:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Output.html). The SSM command is
// AWS's documented remote port forwarding:
// https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-sessions-start.html#sessions-remote-port-forwarding
import { defaultSpec } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { type AccessStep, databaseAccess, quote } from "./database-access";

const ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1a2b3c-AbCdEf";
const outputs = {
  BastionInstanceId: "i-0abc123def4567890",
  DbEndpoint: "notes-db.abcdefghij.eu-west-1.rds.amazonaws.com",
  DbSecretArn: ARN,
  AppUrl: "http://203.0.113.10",
};

function commands(spec: object, extra: Record<string, string> = {}): string[] {
  const access = databaseAccess({
    target: "aws",
    region: "eu-west-1",
    status: "live",
    spec: { ...defaultSpec(), ...spec },
    outputs: { ...outputs, ...extra },
  });
  if (!access.available) throw new Error(access.reason);
  return access.steps.map((step: AccessStep) => step.command);
}

describe("database access on AWS", () => {
  // The database's parameter group sets require_secure_transport, hence TLS on the client:
  // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html
  it("SSM mode: port forwarding through the bastion, then mysql with the secret read by the AWS CLI", () => {
    expect(commands({})).toEqual([
      "aws ssm start-session --region eu-west-1 --target i-0abc123def4567890 --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters host=notes-db.abcdefghij.eu-west-1.rds.amazonaws.com,portNumber=3306,localPortNumber=3306",
      `aws secretsmanager get-secret-value --region eu-west-1 --secret-id '${ARN}' --query SecretString --output text`,
      `MYSQL_PWD="$(aws secretsmanager get-secret-value --region eu-west-1 --secret-id '${ARN}' --query SecretString --output text | jq -r .password)" mysql --ssl-mode=REQUIRED --host=127.0.0.1 --port=3306 --user=notes_admin notes`,
    ]);
  });

  it("SSH mode with a key pair: an SSH tunnel to the bastion's public address", () => {
    const bastion = {
      ...defaultSpec().bastion,
      access: "ssh",
      sshAllowedCidr: "198.51.100.7/32",
      sshKeyName: "ops key",
    };
    const [tunnel] = commands({ bastion }, { BastionPublicIp: "203.0.113.20" });
    expect(tunnel).toBe(
      "ssh -i ~/.ssh/'ops key.pem' -N -L 3306:notes-db.abcdefghij.eu-west-1.rds.amazonaws.com:3306 ubuntu@203.0.113.20",
    );
  });

  it("SSH mode without a key pair: EC2 Instance Connect sends the user's key first", () => {
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-connect-methods.html
    const bastion = { ...defaultSpec().bastion, access: "ssh", sshAllowedCidr: "198.51.100.7/32" };
    const [push, tunnel] = commands({ bastion }, { BastionPublicIp: "203.0.113.20" });
    expect(push).toBe(
      "aws ec2-instance-connect send-ssh-public-key --region eu-west-1 --instance-id i-0abc123def4567890 --instance-os-user ubuntu --ssh-public-key file://~/.ssh/id_ed25519.pub",
    );
    expect(tunnel).toMatch(/^ssh -N -L 3306:/);
  });

  it("explains why there is no way in: no bastion, not created yet, deleted", () => {
    const base = { target: "aws" as const, region: "eu-west-1", spec: defaultSpec() };
    const noBastion = databaseAccess({
      ...base,
      status: "live",
      spec: { ...defaultSpec(), bastion: { ...defaultSpec().bastion, enabled: false } },
      outputs: { DbEndpoint: outputs.DbEndpoint, DbSecretArn: ARN },
    });
    expect(noBastion).toMatchObject({
      available: false,
      reason: expect.stringContaining("bastion.enabled is false"),
    });
    expect(databaseAccess({ ...base, status: "creating", outputs: null })).toMatchObject({
      available: false,
      reason: expect.stringContaining("once the stack has been created"),
    });
    expect(databaseAccess({ ...base, status: "deleted", outputs })).toMatchObject({
      available: false,
      reason: expect.stringContaining("This environment is deleted"),
    });
  });
});

describe("quote", () => {
  it("leaves plain words bare and single-quotes the rest, quotes included", () => {
    expect(quote("i-0abc")).toBe("i-0abc");
    expect(quote("a b")).toBe("'a b'");
    expect(quote("it's")).toBe(`'it'\\''s'`);
    expect(quote("$(rm -rf ~)")).toBe("'$(rm -rf ~)'");
  });
});
