// Which driver serves a target. One AWS driver per region (each holds a CloudFormation client);
// the local sandbox driver is stateless over its folder, so one serves every environment.
import { AwsCloudFormationDriver } from "./aws/driver";
import type { DeployDriver, DeployTarget } from "./driver";
import { LocalSandboxDriver } from "./local/driver";

const awsDrivers = new Map<string, AwsCloudFormationDriver>();
let localDriver: LocalSandboxDriver | undefined;

export function driverFor(target: DeployTarget, region: string): DeployDriver {
  if (target === "local") {
    localDriver ??= new LocalSandboxDriver();
    return localDriver;
  }
  let driver = awsDrivers.get(region);
  if (!driver) {
    driver = new AwsCloudFormationDriver({ region, endpoint: process.env.AWS_ENDPOINT_URL_CLOUDFORMATION });
    awsDrivers.set(region, driver);
  }
  return driver;
}
