// What CloudFormation calls for a resource type beyond the handler lists AWS publishes
// (cfn-handler-permissions.json): types AWS publishes no handler list for, and calls CloudFormation itself
// makes while resolving the template (Fn::GetAZs). Keyed by resource type on purpose: a type that is in
// neither list makes iamPolicyFor throw, so a new resource in the renderer cannot ship without permissions.
export const SUPPLEMENTAL_ACTIONS: Record<string, readonly string[]> = {
  // No registry schema handler list (see the reference's notes): the Route 53 API calls CloudFormation
  // makes to upsert a record and wait for the change, from the Route 53 API reference.
  "AWS::Route53::RecordSet": [
    "route53:ChangeResourceRecordSets",
    "route53:GetChange",
    "route53:GetHostedZone",
    "route53:ListResourceRecordSets",
  ],
  // Fn::GetAZs, which places every subnet, is resolved by CloudFormation with the stack's credentials.
  "AWS::EC2::Subnet": ["ec2:DescribeAvailabilityZones"],
};
