// The edge in "certbot" and "none" modes: nginx on EC2 in a public subnet with an Elastic IP, proxying to
// the internal ALB. In "acm" mode there is no instance: the ALB itself is the edge (load-balancer.ts).
import { nginxUserData } from "../nginx/user-data.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import {
  base64,
  type CfnResource,
  escapeForSub,
  getAtt,
  type JsonObject,
  nagMetadata,
  ref,
  sub,
  subVariable,
  type TemplateFragment,
  tags,
} from "./cfn.js";
import { ID } from "./ids.js";
import {
  INSTANCE_NAG_SUPPRESSIONS,
  instanceProfile,
  instanceProperties,
  ssmInstanceRole,
} from "./instances.js";
import { albIsEdge } from "./security-table.js";

const ALB_DNS_PLACEHOLDER = "STACKYARD_ALB_DNS_NAME";
const STACK_NAME_PLACEHOLDER = "STACKYARD_STACK_NAME";
const REGION_PLACEHOLDER = "STACKYARD_REGION";
/** apt installs, cfn-bootstrap and nginx: minutes; the apt lock alone may be waited for 5. */
const NGINX_SIGNAL_TIMEOUT = "PT20M";

export function edgeFragment(spec: EnvironmentSpec): TemplateFragment {
  const resources: Record<string, CfnResource> = {};
  if (!albIsEdge(spec)) Object.assign(resources, nginxResources(spec));
  if (spec.edge.hostedZoneId && spec.edge.domain)
    resources[ID.dnsRecord] = dnsRecord(spec, spec.edge.hostedZoneId);
  return { Resources: resources };
}

function nginxResources(spec: EnvironmentSpec): Record<string, CfnResource> {
  const script = nginxUserData({
    albDnsName: ALB_DNS_PLACEHOLDER,
    domain: spec.edge.domain,
    certbotEmail: spec.edge.tls === "certbot" ? spec.edge.certbotEmail : null,
    signal: { stackName: STACK_NAME_PLACEHOLDER, resource: ID.nginxInstance, region: REGION_PLACEHOLDER },
  });
  // The script is literal text for Fn::Sub except the ALB's DNS name, known only once the ALB exists, and
  // the stack's name and region for cfn-signal.
  const userData = sub(
    escapeForSub(script)
      .replaceAll(ALB_DNS_PLACEHOLDER, `\${${ID.loadBalancer}.DNSName}`)
      .replaceAll(STACK_NAME_PLACEHOLDER, subVariable("AWS::StackName"))
      .replaceAll(REGION_PLACEHOLDER, subVariable("AWS::Region")),
  );
  return {
    [ID.nginxRole]: ssmInstanceRole(spec.name, "Nginx"),
    [ID.nginxInstanceProfile]: instanceProfile(ID.nginxRole),
    [ID.nginxInstance]: {
      Type: "AWS::EC2::Instance",
      // Boot installs packages from the internet: the public route must exist first.
      DependsOn: [ID.publicDefaultRoute],
      // The stack (and a replacement on update) waits for the boot script's cfn-signal: a nginx whose setup
      // failed fails the stack instead of leaving it "complete" with nothing serving.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-creationpolicy.html
      CreationPolicy: { ResourceSignal: { Count: 1, Timeout: NGINX_SIGNAL_TIMEOUT } },
      Metadata: nagMetadata(INSTANCE_NAG_SUPPRESSIONS),
      Properties: instanceProperties(spec.name, {
        instanceType: spec.edge.instanceType,
        profileId: ID.nginxInstanceProfile,
        subnetId: ID.publicSubnet(0),
        securityGroupId: ID.nginxSecurityGroup,
        publicIp: true,
        userData: base64(userData),
        script,
        name: "nginx",
      }),
    },
    [ID.nginxEip]: {
      Type: "AWS::EC2::EIP",
      DependsOn: [ID.internetGatewayAttachment],
      // The address DNS points at: it must survive instance replacement, so it is its own resource.
      Properties: { Domain: "vpc", InstanceId: ref(ID.nginxInstance), Tags: tags(spec.name, "nginx") },
    },
  };
}

function dnsRecord(spec: EnvironmentSpec, hostedZoneId: string): CfnResource {
  const target: JsonObject = albIsEdge(spec)
    ? {
        AliasTarget: {
          DNSName: getAtt(ID.loadBalancer, "DNSName"),
          HostedZoneId: getAtt(ID.loadBalancer, "CanonicalHostedZoneID"),
        },
      }
    : { TTL: "60", ResourceRecords: [ref(ID.nginxEip)] };
  return {
    Type: "AWS::Route53::RecordSet",
    Properties: { HostedZoneId: hostedZoneId, Name: spec.edge.domain ?? "", Type: "A", ...target },
  };
}
