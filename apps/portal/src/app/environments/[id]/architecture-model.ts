// The architecture diagram as data: which boxes and nodes the RENDERED template has (so the picture
// matches what is deployed: NATs per AZ or one, bastion or not, nginx or an internet-facing ALB), where
// each sits (tier, zone, subnet), how they connect, and each node's status from the stack events.
// Pure, so it is unit-tested without a browser and recomputed on every event.
import type { CfnResource, EnvironmentSpec } from "@stackyard/templates";
import { edgesOf } from "./architecture-edges";
import { type ResourceState, resourceStates, type StatusEvent } from "./architecture-status";
import { subnetOf, subnetRefs, zoneOf } from "./architecture-template";
import type { Architecture, ArchNode, SubnetBox } from "./architecture-types";

interface Rendered {
  spec: EnvironmentSpec;
  template: { Resources: Record<string, CfnResource> };
}

export function buildArchitecture(rendered: Rendered, events: StatusEvent[]): Architecture {
  const { spec } = rendered;
  const resources = rendered.template.Resources;
  const states = resourceStates(events);
  const has = (id: string) => id in resources;
  const node = (
    id: string,
    logicalId: string | null,
    label: string,
    detail: string | null = null,
  ): ArchNode => {
    const state: ResourceState | undefined = logicalId ? states.get(logicalId) : undefined;
    return {
      id,
      logicalId,
      label,
      detail,
      status: logicalId ? (state?.status ?? "not-started") : null,
      failureReason: state?.failureReason ?? null,
    };
  };
  const ids = Object.keys(resources);
  const ofType = (type: string) => ids.filter((id) => resources[id]?.Type === type);

  // Nodes that live in one subnet: nginx, NAT gateways, the bastion (public in SSH mode, private in SSM).
  const placed = new Map<string, ArchNode[]>();
  const place = (subnetId: string | null, member: ArchNode) => {
    if (!subnetId) return;
    placed.set(subnetId, [...(placed.get(subnetId) ?? []), member]);
  };
  if (has("NginxInstance")) {
    place(
      subnetOf(resources.NginxInstance as CfnResource),
      node("NginxInstance", "NginxInstance", "nginx (EC2)", edgeDetail(spec)),
    );
  }
  for (const [index, nat] of ofType("AWS::EC2::NatGateway").entries()) {
    place(subnetOf(resources[nat] as CfnResource), node(nat, nat, `NAT gateway ${index + 1}`));
  }
  if (has("BastionInstance")) {
    const access =
      spec.bastion.access === "ssh" ? `SSH from ${spec.bastion.sshAllowedCidr}` : "SSM Session Manager";
    place(
      subnetOf(resources.BastionInstance as CfnResource),
      node("BastionInstance", "BastionInstance", "Bastion (EC2)", access),
    );
  }
  placeDatabase(resources, spec, node, place);

  const subnets = ofType("AWS::EC2::Subnet");
  const boxes = (prefix: string, title: string): SubnetBox[] =>
    subnets
      .filter((id) => id.startsWith(prefix))
      .map((id, index) => {
        const resource = resources[id] as CfnResource;
        const cidr = String(resource.Properties?.CidrBlock ?? "");
        return {
          subnet: node(id, id, `${title} ${index + 1}`, cidr),
          zone: zoneOf(resource),
          members: placed.get(id) ?? [],
        };
      });
  const publicSubnets = boxes("Public", "Public subnet");
  const privateSubnets = boxes("Private", "Private subnet");
  const zones = [...new Set([...publicSubnets, ...privateSubnets].map((b) => b.zone))].sort((a, b) => a - b);

  const outside = [node("internet", null, "Internet")];
  if (has("InternetGateway")) outside.push(node("InternetGateway", "InternetGateway", "Internet gateway"));
  if (has("AppImageRepository"))
    outside.push(node("AppImageRepository", "AppImageRepository", "ECR repository", "notes-api image"));
  const vpc = has("Vpc")
    ? node("Vpc", "Vpc", "VPC", String(resources.Vpc?.Properties?.CidrBlock ?? ""))
    : null;
  const loadBalancer = has("AppLoadBalancer")
    ? loadBalancerNode(resources.AppLoadBalancer as CfnResource, node)
    : null;
  const service = has("AppService")
    ? node("AppService", "AppService", "ECS Fargate service", tasksDetail(spec))
    : null;

  const nodes = [
    ...outside,
    ...(vpc ? [vpc] : []),
    ...publicSubnets.flatMap((b) => [b.subnet, ...b.members]),
    ...(loadBalancer ? [loadBalancer.node] : []),
    ...(service ? [service] : []),
    ...privateSubnets.flatMap((b) => [b.subnet, ...b.members]),
  ];
  return {
    outside,
    vpc,
    zones,
    publicSubnets,
    loadBalancer,
    service,
    privateSubnets,
    edges: edgesOf(nodes, spec),
    nodes,
  };
}

type NodeFactory = (id: string, logicalId: string | null, label: string, detail?: string | null) => ArchNode;

/** RDS picks the zones; the diagram puts the primary in the first subnet and the standby in the next zone. */
function placeDatabase(
  resources: Record<string, CfnResource>,
  spec: EnvironmentSpec,
  node: NodeFactory,
  place: (subnetId: string | null, member: ArchNode) => void,
): void {
  const db = resources.DbInstance;
  if (!db) return;
  const group = resources.DbSubnetGroup;
  const subnetIds = subnetRefs(group?.Properties?.SubnetIds);
  const engine = `MySQL ${spec.database.engineVersion}, ${spec.database.instanceClass}`;
  const primarySubnet = subnetIds[0] ?? null;
  place(primarySubnet, node("DbInstance", "DbInstance", "RDS primary", engine));
  if (db.Properties?.MultiAZ !== true) return;
  const primaryZone = primarySubnet && resources[primarySubnet] ? zoneOf(resources[primarySubnet]) : 0;
  const standbySubnet =
    subnetIds.find((id) => resources[id] && zoneOf(resources[id]) !== primaryZone) ?? null;
  place(standbySubnet, node("DbInstance:standby", "DbInstance", "RDS standby", "Multi-AZ replica"));
}

function loadBalancerNode(
  alb: CfnResource,
  node: NodeFactory,
): { node: ArchNode; tier: "public" | "private" } {
  const internal = alb.Properties?.Scheme === "internal";
  return internal
    ? {
        node: node("AppLoadBalancer", "AppLoadBalancer", "Internal load balancer", "HTTP to the tasks"),
        tier: "private",
      }
    : {
        node: node(
          "AppLoadBalancer",
          "AppLoadBalancer",
          "Internet-facing load balancer",
          "HTTPS with the ACM certificate",
        ),
        tier: "public",
      };
}

function edgeDetail(spec: EnvironmentSpec): string {
  if (spec.edge.tls === "certbot") return `HTTPS by certbot for ${spec.edge.domain}`;
  return spec.edge.domain ? `plain HTTP for ${spec.edge.domain}` : "plain HTTP";
}

function tasksDetail(spec: EnvironmentSpec): string {
  const tasks = `${spec.app.desiredCount} notes-api task${spec.app.desiredCount === 1 ? "" : "s"}`;
  return spec.app.image ? tasks : `${tasks} once an image is pushed`;
}
