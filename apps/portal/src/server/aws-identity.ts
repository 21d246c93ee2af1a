// Which AWS identity the portal would deploy as, from the SDK's default credential chain on the server.
// Only the account and ARN ever leave this module (credentials stay in the server process).

import "server-only";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { runtimeConfig } from "./config";

export type AwsIdentity =
  | { available: true; account: string; arn: string }
  | { available: false; reason: string };

const CACHE_MS = 5 * 60_000;
let cached: { at: number; identity: Promise<AwsIdentity> } | null = null;

/** Asks STS who we are; any failure (no credentials, expired, unreachable) means "AWS not available". */
export async function lookUpAwsIdentity(client: STSClient): Promise<AwsIdentity> {
  try {
    const answer = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(5_000),
    });
    if (!answer.Account || !answer.Arn) return { available: false, reason: "STS returned no identity" };
    return { available: true, account: answer.Account, arn: answer.Arn };
  } catch (error) {
    const name = error instanceof Error ? error.name : "Error";
    return {
      available: false,
      reason:
        name === "CredentialsProviderError"
          ? "No AWS credentials are configured on the portal server"
          : `AWS credentials did not work (${name})`,
    };
  }
}

/** Cached for a few minutes: the wizard asks on every visit and STS is a network round trip. */
export function currentAwsIdentity(now = Date.now()): Promise<AwsIdentity> {
  if (!cached || now - cached.at > CACHE_MS) {
    const client = new STSClient({ region: runtimeConfig().awsRegion, maxAttempts: 1 });
    cached = { at: now, identity: lookUpAwsIdentity(client) };
  }
  return cached.identity;
}

export function forgetAwsIdentity() {
  cached = null;
}
