// Security groups built from the table in security-table.ts. Rules that point at another group are
// separate resources: inline ones would make the groups depend on each other in a cycle (alb ⇄ app).
import type { EnvironmentSpec } from "../spec/schema.js";
import { type CfnResource, type JsonObject, nagMetadata, ref, type TemplateFragment, tags } from "./cfn.js";
import { ID } from "./ids.js";
import { type SecurityRule, securityGroupTable } from "./security-table.js";

// What CloudFormation does with an empty egress list is keep allow-all; this rule matches nothing
// (ICMP type 252 to a broadcast address), so it is how "no outbound traffic" is written.
const NO_EGRESS: JsonObject = {
  CidrIp: "255.255.255.255/32",
  IpProtocol: "icmp",
  FromPort: 252,
  ToPort: 86,
  Description: "No outbound traffic",
};

export function securityFragment(spec: EnvironmentSpec): TemplateFragment {
  const resources: Record<string, CfnResource> = {};
  for (const group of securityGroupTable(spec)) {
    const inline = (rules: SecurityRule[]) => rules.filter((rule) => "cidr" in rule.source).map(cidrRule);
    const properties: JsonObject = {
      GroupDescription: group.description,
      VpcId: ref(ID.vpc),
      SecurityGroupIngress: inline(group.ingress),
      Tags: tags(spec.name, group.logicalId.replace(/SecurityGroup$/, "").toLowerCase()),
    };
    if (group.egress !== null) {
      // Any egress listed here replaces allow-all; rules to other groups are added as separate resources.
      const cidrEgress = inline(group.egress);
      properties.SecurityGroupEgress = cidrEgress.length > 0 ? cidrEgress : [NO_EGRESS];
    }
    const worldOpen = group.ingress.some((rule) => "cidr" in rule.source && rule.source.cidr === "0.0.0.0/0");
    resources[group.logicalId] = {
      Type: "AWS::EC2::SecurityGroup",
      ...(worldOpen && {
        Metadata: nagMetadata([
          {
            id: "AwsSolutions-EC23",
            reason: "The public web entry point: only ports 80 and 443 are open to the world.",
          },
        ]),
      }),
      Properties: properties,
    };
    for (const rule of group.ingress) {
      if (!("group" in rule.source)) continue;
      resources[`${group.logicalId}IngressFrom${rule.source.group.replace(/SecurityGroup$/, "")}`] = {
        Type: "AWS::EC2::SecurityGroupIngress",
        Properties: {
          GroupId: ref(group.logicalId),
          SourceSecurityGroupId: ref(rule.source.group),
          ...port(rule),
        },
      };
    }
    for (const rule of group.egress ?? []) {
      if (!("group" in rule.source)) continue;
      resources[`${group.logicalId}EgressTo${rule.source.group.replace(/SecurityGroup$/, "")}`] = {
        Type: "AWS::EC2::SecurityGroupEgress",
        Properties: {
          GroupId: ref(group.logicalId),
          DestinationSecurityGroupId: ref(rule.source.group),
          ...port(rule),
        },
      };
    }
  }
  return { Resources: resources };
}

function port(rule: SecurityRule): JsonObject {
  return { IpProtocol: "tcp", FromPort: rule.port, ToPort: rule.port, Description: rule.description };
}

function cidrRule(rule: SecurityRule): JsonObject {
  return { CidrIp: "cidr" in rule.source ? rule.source.cidr : "", ...port(rule) };
}
