// The private tiers are really private: the tasks, the database and an internal ALB sit in subnets whose
// default route goes to a NAT gateway (not the Internet gateway), and no task gets a public IP.
import type { CfnTemplate } from "../render/cfn.js";
import { type Finding, finding } from "./finding.js";
import { isObject, props, referencedId, referencedIds, resourcesOfType } from "./walk.js";

const CHECK = "private-tiers";

type SubnetKind = "public" | "private" | "isolated";

export function checkPrivateTiers(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  const kinds = subnetKinds(template);
  const requirePrivate = (owner: string, subnets: string[], what: string) => {
    for (const subnet of subnets) {
      const kind = kinds.get(subnet) ?? "isolated";
      if (kind === "public") {
        findings.push(
          finding(
            CHECK,
            "error",
            owner,
            `${what} uses ${subnet}, a public subnet (routed to the Internet gateway)`,
            "network.privateSubnets",
          ),
        );
      } else if (kind === "isolated") {
        findings.push(
          finding(
            CHECK,
            "error",
            owner,
            `${what} uses ${subnet}, which has no route to a NAT gateway: images cannot be pulled`,
            "network.natGateways",
          ),
        );
      }
    }
  };

  for (const [id, service] of resourcesOfType(template, "AWS::ECS::Service")) {
    const network = props(service).NetworkConfiguration;
    const awsvpc =
      isObject(network) && isObject(network.AwsvpcConfiguration) ? network.AwsvpcConfiguration : {};
    if (awsvpc.AssignPublicIp !== "DISABLED") {
      findings.push(
        finding(CHECK, "error", id, "tasks may get public IP addresses (AssignPublicIp is not DISABLED)"),
      );
    }
    requirePrivate(id, referencedIds(awsvpc.Subnets), "the service");
  }
  for (const [id, group] of resourcesOfType(template, "AWS::RDS::DBSubnetGroup")) {
    requirePrivate(id, referencedIds(props(group).SubnetIds), "the database subnet group");
  }
  for (const [id, alb] of resourcesOfType(template, "AWS::ElasticLoadBalancingV2::LoadBalancer")) {
    if (props(alb).Scheme === "internet-facing") continue;
    requirePrivate(id, referencedIds(props(alb).Subnets), "the internal load balancer");
  }
  for (const [id, subnet] of resourcesOfType(template, "AWS::EC2::Subnet")) {
    if (kinds.get(id) !== "public" && props(subnet).MapPublicIpOnLaunch === true) {
      findings.push(
        finding(
          CHECK,
          "error",
          id,
          "a private subnet gives instances public IP addresses (MapPublicIpOnLaunch)",
        ),
      );
    }
  }
  return findings;
}

/** public: default route to an Internet gateway; private: to a NAT gateway; isolated: neither. */
function subnetKinds(template: CfnTemplate): Map<string, SubnetKind> {
  const tableKinds = new Map<string, SubnetKind>();
  for (const [, route] of resourcesOfType(template, "AWS::EC2::Route")) {
    const p = props(route);
    const table = referencedId(p.RouteTableId);
    if (!table || p.DestinationCidrBlock !== "0.0.0.0/0") continue;
    if (referencedId(p.NatGatewayId)) tableKinds.set(table, "private");
    const gateway = referencedId(p.GatewayId);
    if (gateway && resourcesOfType(template, "AWS::EC2::InternetGateway").some(([id]) => id === gateway)) {
      tableKinds.set(table, "public");
    }
  }
  const kinds = new Map<string, SubnetKind>();
  for (const [, association] of resourcesOfType(template, "AWS::EC2::SubnetRouteTableAssociation")) {
    const subnet = referencedId(props(association).SubnetId);
    const table = referencedId(props(association).RouteTableId);
    if (subnet && table) kinds.set(subnet, tableKinds.get(table) ?? "isolated");
  }
  return kinds;
}
