// The VPC: public subnets routed to the Internet gateway, private subnets routed to NAT gateway(s).
// Subnets go round the region's zones (Fn::GetAZs), so the template works in any region unchanged.
import type { EnvironmentSpec } from "../spec/schema.js";
import { availabilityZone, type CfnResource, getAtt, ref, type TemplateFragment, tags } from "./cfn.js";
import { ID, zoneOfSubnet } from "./ids.js";

export function networkFragment(spec: EnvironmentSpec): TemplateFragment {
  const { network, name } = spec;
  const resources: Record<string, CfnResource> = {
    [ID.vpc]: {
      Type: "AWS::EC2::VPC",
      Properties: {
        CidrBlock: network.vpcCidr,
        // RDS endpoints and the internal ALB are DNS names: the VPC must resolve them.
        EnableDnsSupport: true,
        EnableDnsHostnames: true,
        Tags: tags(name, "vpc"),
      },
    },
    [ID.internetGateway]: { Type: "AWS::EC2::InternetGateway", Properties: { Tags: tags(name, "igw") } },
    [ID.internetGatewayAttachment]: {
      Type: "AWS::EC2::VPCGatewayAttachment",
      Properties: { VpcId: ref(ID.vpc), InternetGatewayId: ref(ID.internetGateway) },
    },
    [ID.publicRouteTable]: {
      Type: "AWS::EC2::RouteTable",
      Properties: { VpcId: ref(ID.vpc), Tags: tags(name, "public") },
    },
    [ID.publicDefaultRoute]: {
      Type: "AWS::EC2::Route",
      // A route to a gateway that is not attached yet fails: wait for the attachment.
      DependsOn: [ID.internetGatewayAttachment],
      Properties: {
        RouteTableId: ref(ID.publicRouteTable),
        DestinationCidrBlock: "0.0.0.0/0",
        GatewayId: ref(ID.internetGateway),
      },
    },
  };

  network.publicSubnets.forEach((cidr, index) => {
    resources[ID.publicSubnet(index)] = subnet(spec, cidr, index, "public");
    resources[ID.publicSubnetRouteTableAssociation(index)] = {
      Type: "AWS::EC2::SubnetRouteTableAssociation",
      Properties: { SubnetId: ref(ID.publicSubnet(index)), RouteTableId: ref(ID.publicRouteTable) },
    };
  });

  const natZones = natGatewayZones(spec);
  for (const zone of natZones) Object.assign(resources, natGateway(spec, zone));

  network.privateSubnets.forEach((cidr, index) => {
    // With one NAT every private subnet uses route table 1; per-AZ NATs keep egress inside the zone.
    const table = network.natGateways === "per-az" ? zoneOfSubnet(index, network.azCount) : 0;
    resources[ID.privateSubnet(index)] = subnet(spec, cidr, index, "private");
    resources[ID.privateSubnetRouteTableAssociation(index)] = {
      Type: "AWS::EC2::SubnetRouteTableAssociation",
      Properties: { SubnetId: ref(ID.privateSubnet(index)), RouteTableId: ref(ID.privateRouteTable(table)) },
    };
  });

  return { Resources: resources };
}

/** Zones that get a NAT gateway: the first only, or every zone. */
function natGatewayZones(spec: EnvironmentSpec): number[] {
  const count = spec.network.natGateways === "per-az" ? spec.network.azCount : 1;
  return Array.from({ length: count }, (_, zone) => zone);
}

function subnet(spec: EnvironmentSpec, cidr: string, index: number, kind: "public" | "private"): CfnResource {
  return {
    Type: "AWS::EC2::Subnet",
    Properties: {
      VpcId: ref(ID.vpc),
      CidrBlock: cidr,
      AvailabilityZone: availabilityZone(zoneOfSubnet(index, spec.network.azCount)),
      // No automatic public IPs, even in public subnets: only nginx (and an SSH bastion) get one, explicitly.
      MapPublicIpOnLaunch: false,
      Tags: tags(spec.name, `${kind}-${index + 1}`),
    },
  };
}

function natGateway(spec: EnvironmentSpec, zone: number): Record<string, CfnResource> {
  return {
    [ID.natEip(zone)]: {
      Type: "AWS::EC2::EIP",
      DependsOn: [ID.internetGatewayAttachment],
      Properties: { Domain: "vpc", Tags: tags(spec.name, `nat-${zone + 1}`) },
    },
    [ID.natGateway(zone)]: {
      Type: "AWS::EC2::NatGateway",
      Properties: {
        // Public subnet `zone` sits in zone `zone` (subnets go round the zones in order).
        SubnetId: ref(ID.publicSubnet(zone)),
        AllocationId: getAtt(ID.natEip(zone), "AllocationId"),
        Tags: tags(spec.name, `nat-${zone + 1}`),
      },
    },
    [ID.privateRouteTable(zone)]: {
      Type: "AWS::EC2::RouteTable",
      Properties: { VpcId: ref(ID.vpc), Tags: tags(spec.name, `private-${zone + 1}`) },
    },
    [ID.privateDefaultRoute(zone)]: {
      Type: "AWS::EC2::Route",
      Properties: {
        RouteTableId: ref(ID.privateRouteTable(zone)),
        DestinationCidrBlock: "0.0.0.0/0",
        NatGatewayId: ref(ID.natGateway(zone)),
      },
    },
  };
}

export const publicSubnetRefs = (spec: EnvironmentSpec) =>
  spec.network.publicSubnets.map((_, i) => ref(ID.publicSubnet(i)));
export const privateSubnetRefs = (spec: EnvironmentSpec) =>
  spec.network.privateSubnets.map((_, i) => ref(ID.privateSubnet(i)));
