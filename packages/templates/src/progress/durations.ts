// Typical creation times per resource type, for the ETA before real durations are known. These are
// rounded figures from AWS's documentation and common experience (e.g. RDS Multi-AZ creation commonly
// takes 15-40 minutes; NAT gateways a few minutes; ECS services wait for tasks to pass health checks).
// They were not measured on this project's machines: the ETA is refined from real durations as it runs.
const TYPICAL_SECONDS: Record<string, number> = {
  "AWS::RDS::DBInstance": 1_500,
  "AWS::EC2::NatGateway": 120,
  "AWS::ElasticLoadBalancingV2::LoadBalancer": 180,
  "AWS::ECS::Service": 240,
  "AWS::EC2::Instance": 60,
  "AWS::EC2::VPC": 15,
  "AWS::EC2::Subnet": 10,
  "AWS::IAM::Role": 20,
  "AWS::IAM::InstanceProfile": 120,
  "AWS::EC2::EIP": 10,
  "AWS::Logs::LogGroup": 5,
};
const DEFAULT_SECONDS = 10;

/** Local sandbox stand-ins are real but small: a few seconds each at most. */
export function typicalSeconds(resourceType: string, target: "local" | "aws"): number {
  if (target === "local") return 1;
  return TYPICAL_SECONDS[resourceType] ?? DEFAULT_SECONDS;
}
