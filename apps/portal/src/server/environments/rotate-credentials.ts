// environments.rotateDatabaseCredentials: rotate the environment's database password now.
// On AWS: RotateSecret on the RDS-managed master secret (the template's DbSecretArn output); RDS's own
// rotation function sets the new password on the instance. On the local sandbox: a real rotation (ALTER USER,
// then the secret file rewritten), so the path notes-api takes after a rotation is exercised for real.
// notes-api reads the secret itself and re-reads it when refused, so running tasks keep working either way.
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html
// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html

import "server-only";
import { RotateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { PrismaClient } from "@stackyard/db";
import { type ProcessControl, RotationRefused } from "@stackyard/deploy";
import { TRPCError } from "@trpc/server";
import { driverFor } from "../deploy-drivers";

interface RotationTarget {
  target: "aws" | "local";
  region: string;
  stackName: string;
  /** The stack's outputs: DbSecretArn on AWS. */
  outputs: Record<string, unknown>;
}

/** Rotates one environment's database password; throws TRPCError with a message for the user. */
export type CredentialRotator = (environment: RotationTarget) => Promise<void>;

/** AWS: rotate the managed secret now, with the rotation RDS configured on it (no new schedule, no Lambda). */
async function rotateOnAws(client: SecretsManagerClient, secretArn: string): Promise<void> {
  try {
    await client.send(new RotateSecretCommand({ SecretId: secretArn, RotateImmediately: true }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    const message = (error as { message?: string }).message ?? "";
    // "A previous rotation isn't complete. That rotation will be reattempted." and the like.
    if (name === "InvalidRequestException") {
      throw new TRPCError({ code: "CONFLICT", message: `AWS refused the rotation: ${message}` });
    }
    if (name === "ResourceNotFoundException") {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "The database secret no longer exists on AWS",
      });
    }
    if (name === "AccessDeniedException") {
      throw new TRPCError({
        code: "FORBIDDEN",
        message: "The portal's AWS identity may not rotate this secret (secretsmanager:RotateSecret)",
      });
    }
    throw error;
  }
}

const secretsClients = new Map<string, SecretsManagerClient>();

export interface RotatorOptions {
  /** The local sandbox's processes (tests pass their own driver's). */
  localProcesses: () => ProcessControl | undefined;
  secretsManager?: (region: string) => SecretsManagerClient;
}

export function credentialRotator(options: RotatorOptions): CredentialRotator {
  const secretsManager =
    options.secretsManager ??
    ((region: string) => {
      let client = secretsClients.get(region);
      if (!client) {
        client = new SecretsManagerClient({ region });
        secretsClients.set(region, client);
      }
      return client;
    });
  return async (environment) => {
    if (environment.target === "aws") {
      const arn = environment.outputs.DbSecretArn;
      if (typeof arn !== "string" || !arn.startsWith("arn:")) {
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "The stack has no DbSecretArn output yet: nothing to rotate",
        });
      }
      return rotateOnAws(secretsManager(environment.region), arn);
    }
    const processes = options.localProcesses();
    if (!processes) throw new Error("the local target cannot rotate database passwords");
    try {
      await processes.rotateDatabasePassword(environment.stackName);
    } catch (error) {
      if (error instanceof RotationRefused) throw new TRPCError({ code: "CONFLICT", message: error.message });
      throw error;
    }
  };
}

/** The portal's: the process's local driver and one Secrets Manager client per region. */
export function defaultCredentialRotator(): CredentialRotator {
  return credentialRotator({ localProcesses: () => driverFor("local", "local").processes });
}

/** Only a live environment has a database whose password can change. */
export async function rotateDatabaseCredentials(
  prisma: PrismaClient,
  id: string,
  rotate: CredentialRotator,
): Promise<{ environmentId: string; rotatedAt: Date }> {
  const environment = await prisma.environment.findUnique({ where: { id } });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  if (environment.status !== "live") {
    throw new TRPCError({
      code: "CONFLICT",
      message: `This environment is ${environment.status}: only a live environment's database password can be rotated`,
    });
  }
  await rotate({
    target: environment.target,
    region: environment.region,
    stackName: environment.name,
    outputs: (environment.outputs ?? {}) as Record<string, unknown>,
  });
  const rotatedAt = new Date();
  await prisma.environment.update({ where: { id }, data: { databaseCredentialsRotatedAt: rotatedAt } });
  return { environmentId: id, rotatedAt };
}
