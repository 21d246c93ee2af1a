// What CloudFormation calls, with the deploying principal's credentials, to create, update and delete each
// resource type the renderer emits. Keyed by resource type on purpose: iamPolicyFor refuses a template with a
// type that has no entry here, so a new resource in the renderer cannot ship without its permissions.
//
// Actions are grouped by "grant" (one policy statement each, see grants.ts). The lists come from the
// Service Authorization Reference and the CloudFormation resource handlers' documented permissions; they
// include the Describe/List calls CloudFormation makes while waiting for a resource to stabilise and the
// tagging calls it makes to propagate stack tags.

export type GrantKey =
  | "ec2"
  | "elasticloadbalancing"
  | "ecs"
  | "applicationAutoscaling"
  | "cloudwatchAlarms"
  | "rds"
  | "rdsManagedSecret"
  | "iamRoles"
  | "logs"
  | "logsDescribe"
  | "ecr"
  | "route53"
  | "route53Changes";

export type ResourcePermissions = Partial<Record<GrantKey, readonly string[]>>;

const EC2_TAGS = ["ec2:CreateTags", "ec2:DeleteTags"];
const ELB_TAGS = [
  "elasticloadbalancing:AddTags",
  "elasticloadbalancing:RemoveTags",
  "elasticloadbalancing:DescribeTags",
];
const ECS_TAGS = ["ecs:TagResource", "ecs:UntagResource", "ecs:ListTagsForResource"];
const RDS_TAGS = ["rds:AddTagsToResource", "rds:RemoveTagsFromResource", "rds:ListTagsForResource"];
const IAM_ROLE = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePolicy",
  "iam:GetRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:TagRole",
  "iam:UntagRole",
];
const SECURITY_GROUP_RULES = [
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSecurityGroupRules",
  ...EC2_TAGS,
];
const ROUTES = ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:DescribeRouteTables"];

export const RESOURCE_PERMISSIONS: Record<string, ResourcePermissions> = {
  "AWS::EC2::VPC": {
    ec2: [
      "ec2:CreateVpc",
      "ec2:DeleteVpc",
      "ec2:ModifyVpcAttribute",
      "ec2:DescribeVpcs",
      "ec2:DescribeVpcAttribute",
      // The VPC's default security group and network ACL, read back for its attributes.
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeNetworkAcls",
      ...EC2_TAGS,
    ],
  },
  "AWS::EC2::Subnet": {
    ec2: [
      "ec2:CreateSubnet",
      "ec2:DeleteSubnet",
      "ec2:ModifySubnetAttribute",
      "ec2:DescribeSubnets",
      // Fn::GetAZs and the subnet's AvailabilityZone.
      "ec2:DescribeAvailabilityZones",
      ...EC2_TAGS,
    ],
  },
  "AWS::EC2::InternetGateway": {
    ec2: [
      "ec2:CreateInternetGateway",
      "ec2:DeleteInternetGateway",
      "ec2:DescribeInternetGateways",
      ...EC2_TAGS,
    ],
  },
  "AWS::EC2::VPCGatewayAttachment": {
    ec2: ["ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DescribeInternetGateways"],
  },
  "AWS::EC2::RouteTable": {
    ec2: ["ec2:CreateRouteTable", "ec2:DeleteRouteTable", "ec2:DescribeRouteTables", ...EC2_TAGS],
  },
  "AWS::EC2::Route": { ec2: ROUTES },
  "AWS::EC2::SubnetRouteTableAssociation": {
    ec2: [
      "ec2:AssociateRouteTable",
      "ec2:DisassociateRouteTable",
      "ec2:ReplaceRouteTableAssociation",
      "ec2:DescribeRouteTables",
    ],
  },
  "AWS::EC2::EIP": {
    ec2: [
      "ec2:AllocateAddress",
      "ec2:ReleaseAddress",
      "ec2:AssociateAddress",
      "ec2:DisassociateAddress",
      "ec2:DescribeAddresses",
      "ec2:DescribeAddressesAttribute",
      "ec2:DescribeAccountAttributes",
      ...EC2_TAGS,
    ],
  },
  "AWS::EC2::NatGateway": {
    ec2: ["ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:DescribeNatGateways", ...EC2_TAGS],
  },
  "AWS::EC2::SecurityGroup": {
    ec2: ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", ...SECURITY_GROUP_RULES],
  },
  "AWS::EC2::SecurityGroupIngress": { ec2: SECURITY_GROUP_RULES },
  "AWS::EC2::SecurityGroupEgress": { ec2: SECURITY_GROUP_RULES },
  "AWS::EC2::FlowLog": {
    ec2: ["ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", "ec2:DescribeFlowLogs", ...EC2_TAGS],
  },
  "AWS::EC2::Instance": {
    ec2: [
      "ec2:RunInstances",
      "ec2:TerminateInstances",
      // Instance-type changes stop and start the instance.
      "ec2:StopInstances",
      "ec2:StartInstances",
      "ec2:ModifyInstanceAttribute",
      "ec2:ModifyInstanceMetadataOptions",
      "ec2:DescribeInstances",
      "ec2:DescribeInstanceAttribute",
      "ec2:DescribeInstanceStatus",
      "ec2:DescribeImages",
      "ec2:DescribeKeyPairs",
      "ec2:DescribeVolumes",
      "ec2:DescribeNetworkInterfaces",
      "ec2:AssociateIamInstanceProfile",
      "ec2:DisassociateIamInstanceProfile",
      "ec2:DescribeIamInstanceProfileAssociations",
      ...EC2_TAGS,
    ],
    // RunInstances reads the instance profile it is given.
    iamRoles: ["iam:GetInstanceProfile"],
  },
  "AWS::ElasticLoadBalancingV2::LoadBalancer": {
    elasticloadbalancing: [
      "elasticloadbalancing:CreateLoadBalancer",
      "elasticloadbalancing:DeleteLoadBalancer",
      "elasticloadbalancing:DescribeLoadBalancers",
      "elasticloadbalancing:DescribeLoadBalancerAttributes",
      "elasticloadbalancing:ModifyLoadBalancerAttributes",
      "elasticloadbalancing:SetSecurityGroups",
      "elasticloadbalancing:SetSubnets",
      ...ELB_TAGS,
    ],
    ec2: [
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeVpcs",
      "ec2:DescribeInternetGateways",
    ],
  },
  "AWS::ElasticLoadBalancingV2::TargetGroup": {
    elasticloadbalancing: [
      "elasticloadbalancing:CreateTargetGroup",
      "elasticloadbalancing:DeleteTargetGroup",
      "elasticloadbalancing:ModifyTargetGroup",
      "elasticloadbalancing:ModifyTargetGroupAttributes",
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetGroupAttributes",
      ...ELB_TAGS,
    ],
  },
  "AWS::ElasticLoadBalancingV2::Listener": {
    elasticloadbalancing: [
      "elasticloadbalancing:CreateListener",
      "elasticloadbalancing:DeleteListener",
      "elasticloadbalancing:ModifyListener",
      "elasticloadbalancing:DescribeListeners",
      "elasticloadbalancing:DescribeListenerAttributes",
      "elasticloadbalancing:ModifyListenerAttributes",
      ...ELB_TAGS,
    ],
  },
  "AWS::ECS::Cluster": {
    ecs: [
      "ecs:CreateCluster",
      "ecs:DeleteCluster",
      "ecs:UpdateCluster",
      "ecs:UpdateClusterSettings",
      "ecs:DescribeClusters",
      "ecs:PutClusterCapacityProviders",
      ...ECS_TAGS,
    ],
  },
  "AWS::ECS::TaskDefinition": {
    ecs: [
      "ecs:RegisterTaskDefinition",
      "ecs:DeregisterTaskDefinition",
      "ecs:DeleteTaskDefinitions",
      "ecs:DescribeTaskDefinition",
      ...ECS_TAGS,
    ],
  },
  "AWS::ECS::Service": {
    ecs: [
      "ecs:CreateService",
      "ecs:UpdateService",
      "ecs:DeleteService",
      "ecs:DescribeServices",
      // Stabilisation: CloudFormation waits for the deployment's tasks.
      "ecs:ListTasks",
      "ecs:DescribeTasks",
      ...ECS_TAGS,
    ],
    elasticloadbalancing: [
      "elasticloadbalancing:DescribeTargetGroups",
      "elasticloadbalancing:DescribeTargetHealth",
    ],
  },
  "AWS::ApplicationAutoScaling::ScalableTarget": {
    applicationAutoscaling: [
      "application-autoscaling:RegisterScalableTarget",
      "application-autoscaling:DeregisterScalableTarget",
      "application-autoscaling:DescribeScalableTargets",
      "application-autoscaling:TagResource",
      "application-autoscaling:UntagResource",
      "application-autoscaling:ListTagsForResource",
    ],
    // Application Auto Scaling checks the caller may change the service it will scale.
    ecs: ["ecs:DescribeServices", "ecs:UpdateService"],
  },
  "AWS::ApplicationAutoScaling::ScalingPolicy": {
    applicationAutoscaling: [
      "application-autoscaling:PutScalingPolicy",
      "application-autoscaling:DeleteScalingPolicy",
      "application-autoscaling:DescribeScalingPolicies",
      "application-autoscaling:DescribeScalingActivities",
    ],
    // A target-tracking policy creates its CloudWatch alarms with the caller's permissions.
    cloudwatchAlarms: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms"],
  },
  "AWS::RDS::DBSubnetGroup": {
    rds: [
      "rds:CreateDBSubnetGroup",
      "rds:ModifyDBSubnetGroup",
      "rds:DeleteDBSubnetGroup",
      "rds:DescribeDBSubnetGroups",
      ...RDS_TAGS,
    ],
  },
  "AWS::RDS::DBInstance": {
    rds: [
      "rds:CreateDBInstance",
      "rds:ModifyDBInstance",
      "rds:DeleteDBInstance",
      "rds:RebootDBInstance",
      "rds:DescribeDBInstances",
      "rds:DescribeDBEngineVersions",
      "rds:DescribeOrderableDBInstanceOptions",
      // DeletionPolicy/UpdateReplacePolicy Snapshot: the final snapshot is taken on delete and replace.
      "rds:CreateDBSnapshot",
      "rds:DescribeDBSnapshots",
      ...RDS_TAGS,
    ],
    // ManageMasterUserPassword: RDS creates and rotates the secret with the caller's permissions.
    rdsManagedSecret: [
      "secretsmanager:CreateSecret",
      "secretsmanager:DeleteSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:PutSecretValue",
      "secretsmanager:UpdateSecret",
      "secretsmanager:RotateSecret",
      "secretsmanager:TagResource",
    ],
    ec2: [
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
      "ec2:DescribeAvailabilityZones",
    ],
  },
  "AWS::IAM::Role": { iamRoles: IAM_ROLE },
  "AWS::IAM::InstanceProfile": {
    iamRoles: [
      "iam:CreateInstanceProfile",
      "iam:DeleteInstanceProfile",
      "iam:GetInstanceProfile",
      "iam:AddRoleToInstanceProfile",
      "iam:RemoveRoleFromInstanceProfile",
      "iam:TagInstanceProfile",
      "iam:UntagInstanceProfile",
    ],
  },
  "AWS::Logs::LogGroup": {
    logs: [
      "logs:CreateLogGroup",
      "logs:DeleteLogGroup",
      "logs:PutRetentionPolicy",
      "logs:DeleteRetentionPolicy",
      "logs:TagResource",
      "logs:UntagResource",
      "logs:ListTagsForResource",
      "logs:TagLogGroup",
      "logs:UntagLogGroup",
      "logs:ListTagsLogGroup",
    ],
    logsDescribe: ["logs:DescribeLogGroups"],
  },
  "AWS::ECR::Repository": {
    ecr: [
      "ecr:CreateRepository",
      "ecr:DeleteRepository",
      "ecr:DescribeRepositories",
      "ecr:PutLifecyclePolicy",
      "ecr:GetLifecyclePolicy",
      "ecr:DeleteLifecyclePolicy",
      "ecr:PutImageScanningConfiguration",
      "ecr:PutImageTagMutability",
      // EmptyOnDelete: CloudFormation deletes the images before the repository.
      "ecr:ListImages",
      "ecr:BatchDeleteImage",
      "ecr:TagResource",
      "ecr:UntagResource",
      "ecr:ListTagsForResource",
    ],
  },
  "AWS::Route53::RecordSet": {
    route53: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:GetHostedZone"],
    route53Changes: ["route53:GetChange"],
  },
};
