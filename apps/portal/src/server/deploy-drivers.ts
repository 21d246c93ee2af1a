// Which driver serves a target. One AWS driver per region (each holds a CloudFormation client);
// the local sandbox driver is stateless over its folder, so one serves every environment.

import "server-only";
import type { DeployDriver, DeployTarget } from "@stackyard/deploy";
import { AwsCloudFormationDriver } from "@stackyard/deploy/aws";
import { LocalSandboxDriver } from "@stackyard/deploy/local";
import { cloudFormationServiceRoleArn } from "@stackyard/templates";
import { currentAwsIdentity } from "./aws-identity";
import { runtimeConfig } from "./config";
import { logger } from "./logger";

const awsDrivers = new Map<string, AwsCloudFormationDriver>();
let localDriver: LocalSandboxDriver | undefined;

export function driverFor(target: DeployTarget, region: string): DeployDriver {
  if (target === "local") {
    // Like the ECS service scheduler, the sandbox replaces a notes-api process that dies (health shows it).
    localDriver ??= new LocalSandboxDriver({ serviceScheduler: true });
    return localDriver;
  }
  let driver = awsDrivers.get(region);
  if (!driver) {
    driver = new AwsCloudFormationDriver({
      region,
      endpoint: runtimeConfig().cloudFormationEndpoint,
      serviceRoleArn: () => serviceRoleArnIn(region),
      logger,
    });
    awsDrivers.set(region, driver);
  }
  return driver;
}

/** The service role the bootstrap stack made in this account and region (docs/first-aws-deployment.md). */
async function serviceRoleArnIn(region: string): Promise<string | undefined> {
  const identity = await currentAwsIdentity();
  return identity.available
    ? cloudFormationServiceRoleArn({ accountId: identity.account, region })
    : undefined;
}
