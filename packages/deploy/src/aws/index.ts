// @stackyard/deploy/aws: the CloudFormation driver.
export { AwsCloudFormationDriver, type AwsDriverOptions, ENVIRONMENT_TAG } from "./driver.js";
