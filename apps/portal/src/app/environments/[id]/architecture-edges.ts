// The diagram's connections: the request path, then egress and access paths, between the nodes that exist.
import type { EnvironmentSpec } from "@stackyard/templates";
import type { ArchEdge, ArchNode } from "./architecture-types";

export function edgesOf(nodes: ArchNode[], spec: EnvironmentSpec): ArchEdge[] {
  const present = new Set(nodes.map((n) => n.id));
  const webPorts = spec.edge.tls === "none" ? "HTTP 80" : "HTTPS 443, HTTP 80";
  const candidates: ArchEdge[] = [
    { from: "internet", to: "InternetGateway", label: webPorts },
    { from: "InternetGateway", to: "NginxInstance", label: webPorts },
    { from: "NginxInstance", to: "AppLoadBalancer", label: "proxy_pass HTTP 80" },
    ...(present.has("NginxInstance")
      ? []
      : [{ from: "InternetGateway", to: "AppLoadBalancer", label: webPorts }]),
    { from: "AppLoadBalancer", to: "AppService", label: `HTTP ${spec.app.containerPort}` },
    { from: "AppService", to: "DbInstance", label: "MySQL 3306" },
    { from: "DbInstance", to: "DbInstance:standby", label: "synchronous replication" },
    { from: "BastionInstance", to: "DbInstance", label: "MySQL 3306" },
    { from: "AppService", to: "AppImageRepository", label: "image pull" },
    ...nodes
      .filter((n) => n.label.startsWith("NAT gateway"))
      .map((n) => ({ from: n.id, to: "InternetGateway", label: "private subnets' egress" })),
  ];
  return candidates.filter((e) => present.has(e.from) && present.has(e.to));
}
