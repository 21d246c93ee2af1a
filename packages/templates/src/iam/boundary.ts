// The permissions boundary every role of an environment carries: the most any of them may ever do, whatever
// policy is attached to it (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
// A role's effective permissions are the intersection of its own policies and this document, so the
// CloudFormation service role, which may only create roles that carry it, cannot mint a role that
// administers the account. It lists what the rendered roles need (boundary.test.ts checks each rendered
// role's policies against it) and nothing that changes IAM, CloudFormation or another environment.
import type { IamPolicyDocument } from "./statement.js";

export const PERMISSIONS_BOUNDARY_DOCUMENT: IamPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "PullTheAppImage",
      Effect: "Allow",
      Action: [
        "ecr:BatchCheckLayerAvailability",
        "ecr:BatchGetImage",
        "ecr:GetAuthorizationToken",
        "ecr:GetDownloadUrlForLayer",
      ],
      Resource: ["*"],
    },
    {
      Sid: "WriteLogsAndFlowLogs",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:DescribeLogGroups",
        "logs:DescribeLogStreams",
        "logs:PutLogEvents",
      ],
      Resource: ["*"],
    },
    {
      Sid: "ReadTheDatabaseSecret",
      Effect: "Allow",
      Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
      Resource: ["*"],
    },
    {
      Sid: "DecryptSecretsThroughSecretsManagerOnly",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: ["*"],
      Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } },
    },
    {
      // What AmazonSSMManagedInstanceCore grants, for Session Manager on the bastion and nginx instances.
      Sid: "SessionManagerOnInstances",
      Effect: "Allow",
      Action: [
        "ec2messages:*",
        "s3:GetEncryptionConfiguration",
        "ssm:DescribeAssociation",
        "ssm:DescribeDocument",
        "ssm:GetDeployablePatchSnapshotForInstance",
        "ssm:GetDocument",
        "ssm:GetManifest",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:ListAssociations",
        "ssm:ListInstanceAssociations",
        "ssm:PutComplianceItems",
        "ssm:PutConfigurePackageResult",
        "ssm:PutInventory",
        "ssm:UpdateAssociationStatus",
        "ssm:UpdateInstanceAssociationStatus",
        "ssm:UpdateInstanceInformation",
        "ssmmessages:*",
      ],
      Resource: ["*"],
    },
    {
      // cfn-signal and cfn-init on the instances report to, and read from, their own stack.
      Sid: "SignalAndReadTheStackFromInstances",
      Effect: "Allow",
      Action: ["cloudformation:DescribeStackResource", "cloudformation:SignalResource"],
      Resource: ["*"],
    },
  ],
};
