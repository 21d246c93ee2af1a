// What the nginx and bastion EC2 instances share: Ubuntu from its public SSM parameter, IMDSv2 only, an
// encrypted root volume, and an instance role that Session Manager can use.
import { createHash } from "node:crypto";
import type { EnvironmentSpec } from "../spec/schema.js";
import type { CfnResource, Json, JsonObject, NagSuppression, TemplateFragment } from "./cfn.js";
import { nagMetadata, ref, stackIamPath, sub, subVariable, tags } from "./cfn.js";
import { ID } from "./ids.js";
import { permissionsBoundary } from "./permissions-boundary.js";

/**
 * Canonical publishes the current Ubuntu 24.04 image ID here, in every region. The portal reads it once,
 * when it creates the stack (or when asked to refresh the AMI), never the template: see amiParameterFragment.
 * https://documentation.ubuntu.com/aws/aws-how-to/instances/find-ubuntu-images/
 */
export const UBUNTU_AMI_SSM_PARAMETER =
  "/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id";

/** The template parameter that holds the instances' AMI ID. */
export const AMI_PARAMETER = ID.amiParameter;

/** nginx (unless the ALB is the edge) and the bastion are the stack's EC2 instances. */
export function hasInstances(spec: EnvironmentSpec): boolean {
  return spec.edge.tls !== "acm" || spec.bastion.enabled;
}

/**
 * The AMI parameter, only in stacks that launch instances (an unused parameter is a validator warning).
 * A plain AWS::EC2::Image::Id with no default, not AWS::SSM::Parameter::Value<...>: CloudFormation
 * resolves an SSM parameter type again on every stack update (UsePreviousValue keeps the parameter's
 * name, not the value it resolved to), so each new Ubuntu image would replace nginx and the bastion on
 * an unrelated update. The value is resolved once at create time and kept until a refresh is asked for.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#aws-ssm-parameter-types
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm.html
 */
export function amiParameterFragment(spec: EnvironmentSpec): TemplateFragment {
  if (!hasInstances(spec)) return {};
  return {
    Parameters: {
      [ID.amiParameter]: {
        Type: "AWS::EC2::Image::Id",
        Description: `Ubuntu 24.04 amd64 image for the nginx and bastion instances, resolved at create time from Canonical's public SSM parameter ${UBUNTU_AMI_SSM_PARAMETER} and kept on updates.`,
      },
    },
  };
}

export const INSTANCE_NAG_SUPPRESSIONS: NagSuppression[] = [
  {
    id: "AwsSolutions-EC28",
    reason:
      "Basic (5-minute) monitoring is enough for a single proxy/bastion; detailed monitoring costs extra per instance.",
  },
  {
    id: "AwsSolutions-EC29",
    reason:
      "The instance keeps no state (its configuration is rendered into user data): replacing it is the recovery path.",
  },
];

export function ssmInstanceRole(stackName: string, what: string, policies: JsonObject[] = []): CfnResource {
  return {
    Type: "AWS::IAM::Role",
    Metadata: nagMetadata([
      {
        id: "AwsSolutions-IAM4",
        reason:
          "AmazonSSMManagedInstanceCore is the AWS-maintained minimum for Session Manager; copying it would go stale.",
        appliesTo: ["Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore"],
      },
    ]),
    Properties: {
      Description:
        policies.length > 0
          ? `${what}: Session Manager access and ${policies.map((p) => p.PolicyName).join(", ")}`
          : `${what}: Session Manager access, nothing else`,
      Path: stackIamPath(),
      PermissionsBoundary: permissionsBoundary(),
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      },
      ManagedPolicyArns: [
        sub(`arn:${subVariable("AWS::Partition")}:iam::aws:policy/AmazonSSMManagedInstanceCore`),
      ],
      ...(policies.length > 0 ? { Policies: policies } : {}),
      Tags: tags(stackName, what.toLowerCase()),
    },
  };
}

export function instanceProfile(roleId: string): CfnResource {
  return { Type: "AWS::IAM::InstanceProfile", Properties: { Path: stackIamPath(), Roles: [ref(roleId)] } };
}

/**
 * cloud-init runs user data once, at first boot, and CloudFormation only stops and starts an EBS-backed
 * instance whose UserData changed: the new script would never run (none→certbot would leave plain-HTTP
 * nginx behind an https AppUrl). So the script's digest goes into a property whose change replaces the
 * instance (NetworkInterfaces: "Update requires: Replacement"), and a changed script boots a new instance
 * that runs it. The Elastic IP is its own resource and moves to the new instance.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-userdata
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-networkinterfaces
 */
function userDataDigest(script: string): string {
  return createHash("sha256").update(script).digest("hex").slice(0, 16);
}

export interface InstanceProperties {
  instanceType: string;
  profileId: string;
  subnetId: string;
  securityGroupId: string;
  publicIp: boolean;
  userData: Json;
  /** The user data script as rendered (before Fn::Sub): its digest replaces the instance when it changes. */
  script: string;
  name: string;
  extra?: JsonObject;
}

export function instanceProperties(stackName: string, p: InstanceProperties): JsonObject {
  return {
    ImageId: ref(ID.amiParameter),
    InstanceType: p.instanceType,
    IamInstanceProfile: ref(p.profileId),
    NetworkInterfaces: [
      {
        DeviceIndex: "0",
        Description: `${p.name}, user data sha256:${userDataDigest(p.script)}`,
        SubnetId: ref(p.subnetId),
        GroupSet: [ref(p.securityGroupId)],
        // A public address from the first boot, so package installs work before the EIP is attached.
        AssociatePublicIpAddress: p.publicIp,
      },
    ],
    // IMDSv2 only: a token-less request (the SSRF pattern) gets nothing from the metadata service.
    MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled", HttpPutResponseHopLimit: 1 },
    BlockDeviceMappings: [
      {
        DeviceName: "/dev/sda1",
        Ebs: { VolumeSize: 16, VolumeType: "gp3", Encrypted: true, DeleteOnTermination: true },
      },
    ],
    UserData: p.userData,
    ...p.extra,
    Tags: tags(stackName, p.name),
  };
}
