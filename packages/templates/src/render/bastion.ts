// The bastion: a MySQL client next to the database. Default access is SSM Session Manager, which needs no
// open port and no public address, so the bastion then sits in a private subnet (better than the seed's
// public one). SSH mode puts it in a public subnet with an Elastic IP and port 22 from one CIDR only.
import { bastionUserData } from "../nginx/user-data.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { dbSecretArn } from "./app-iam.js";
import { base64, type CfnResource, nagMetadata, ref, type TemplateFragment, tags } from "./cfn.js";
import { ID } from "./ids.js";
import {
  INSTANCE_NAG_SUPPRESSIONS,
  instanceProfile,
  instanceProperties,
  ssmInstanceRole,
} from "./instances.js";

export function bastionFragment(spec: EnvironmentSpec): TemplateFragment {
  if (!spec.bastion.enabled) return {};
  const ssh = spec.bastion.access === "ssh";
  // The second public subnet keeps the bastion out of nginx's zone where there is a choice.
  const script = bastionUserData(spec.bastion.access);
  const subnetId = ssh ? ID.publicSubnet(spec.network.publicSubnets.length > 1 ? 1 : 0) : ID.privateSubnet(0);
  const resources: Record<string, CfnResource> = {
    // The motd's `aws secretsmanager get-secret-value --secret-id <DbSecretArn>` needs this, on that secret
    // only. https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html
    [ID.bastionRole]: ssmInstanceRole(spec.name, "Bastion", [
      {
        PolicyName: "read-database-secret",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: dbSecretArn() }],
        },
      },
    ]),
    [ID.bastionInstanceProfile]: instanceProfile(ID.bastionRole),
    [ID.bastionInstance]: {
      Type: "AWS::EC2::Instance",
      DependsOn: [ssh ? ID.publicDefaultRoute : ID.privateDefaultRoute(0)],
      Metadata: nagMetadata(INSTANCE_NAG_SUPPRESSIONS),
      Properties: instanceProperties(spec.name, {
        instanceType: spec.bastion.instanceType,
        profileId: ID.bastionInstanceProfile,
        subnetId,
        securityGroupId: ID.bastionSecurityGroup,
        publicIp: ssh,
        userData: base64(script),
        script,
        name: "bastion",
        // Without a key pair, SSH still works through EC2 Instance Connect (installed on Ubuntu images).
        extra: ssh && spec.bastion.sshKeyName ? { KeyName: spec.bastion.sshKeyName } : undefined,
      }),
    },
  };
  if (ssh) {
    resources[ID.bastionEip] = {
      Type: "AWS::EC2::EIP",
      DependsOn: [ID.internetGatewayAttachment],
      Properties: { Domain: "vpc", InstanceId: ref(ID.bastionInstance), Tags: tags(spec.name, "bastion") },
    };
  }
  return { Resources: resources };
}
