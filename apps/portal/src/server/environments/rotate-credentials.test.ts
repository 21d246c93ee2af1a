// The AWS half of environments.rotateDatabaseCredentials at the SDK boundary: RotateSecret on the
// RDS-managed master secret named by the stack's DbSecretArn output, and AWS's refusals in user words.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html (RDS rotates the secret
// itself; RotateSecret with no Lambda ARN uses the rotation RDS configured)
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html
import {
  InvalidRequestException,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { type ProcessControl, RotationRefused } from "@stackyard/deploy";
import { TRPCError } from "@trpc/server";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { credentialRotator } from "./rotate-credentials";

const ARN =
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0b1c2d3e-aaaa-bbbb-cccc-0123456789ab-AbCdEf";
const client = new SecretsManagerClient({ region: "eu-west-1" });
const sm = mockClient(client);
const regions: string[] = [];
const rotate = credentialRotator({
  localProcesses: () => {
    throw new Error("not the local target");
  },
  secretsManager: (region) => {
    regions.push(region);
    return client;
  },
});
const onAws = (outputs: Record<string, unknown>) =>
  rotate({ target: "aws", region: "eu-west-1", stackName: "notes-prod", outputs });

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

beforeEach(() => {
  sm.reset();
  regions.length = 0;
});

describe("rotating on AWS", () => {
  it("calls RotateSecret on the stack's DbSecretArn, now, in the environment's region", async () => {
    sm.on(RotateSecretCommand).resolves({ ARN, VersionId: "v2" });
    await onAws({ DbSecretArn: ARN, AppUrl: "http://x" });
    expect(sm.commandCalls(RotateSecretCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: ARN, RotateImmediately: true },
    ]);
    expect(regions).toEqual(["eu-west-1"]);
  });

  it("says a rotation is already running instead of failing with AWS's exception", async () => {
    sm.on(RotateSecretCommand).rejects(
      new InvalidRequestException({
        $metadata: {},
        message: "A previous rotation isn't complete. That rotation will be reattempted.",
      }),
    );
    const error = await refusal(onAws({ DbSecretArn: ARN }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/previous rotation isn't complete/);
  });

  it("reports a secret that is gone", async () => {
    sm.on(RotateSecretCommand).rejects(
      new ResourceNotFoundException({
        $metadata: {},
        message: "Secrets Manager can't find the specified secret.",
      }),
    );
    expect((await refusal(onAws({ DbSecretArn: ARN }))).code).toBe("PRECONDITION_FAILED");
  });

  it("never calls AWS without the secret's ARN in the outputs", async () => {
    const error = await refusal(onAws({}));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(sm.commandCalls(RotateSecretCommand)).toHaveLength(0);
  });

  it("leaves the local target to the sandbox's processes, a refusal becoming CONFLICT", async () => {
    const rotated: string[] = [];
    const processes: ProcessControl = {
      restart: async () => ({ status: "running" }),
      problem: () => null,
      rotateDatabasePassword: async (stackName) => {
        rotated.push(stackName);
        if (stackName === "busy") throw new RotationRefused("an operation is in progress");
        return { rotatedAt: new Date() };
      },
    };
    const local = credentialRotator({ localProcesses: () => processes, secretsManager: () => client });
    await local({ target: "local", region: "local", stackName: "notes-dev", outputs: {} });
    const error = await refusal(local({ target: "local", region: "local", stackName: "busy", outputs: {} }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("an operation is in progress");
    expect(rotated).toEqual(["notes-dev", "busy"]);
    expect(sm.commandCalls(RotateSecretCommand)).toHaveLength(0);
  });
});
