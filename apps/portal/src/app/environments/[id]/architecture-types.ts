// The architecture diagram's shapes: nodes, the subnets that hold them, the edges between them. Apart
// from the model that builds them (architecture-model.ts), so the edge rules can use them without a cycle.
import type { NodeStatus } from "./architecture-status";

export interface ArchNode {
  /** Unique in the diagram (the standby database shares its logical ID with the primary). */
  id: string;
  /** The template resource the node stands for; null for the internet itself. */
  logicalId: string | null;
  label: string;
  detail: string | null;
  status: NodeStatus | null;
  failureReason: string | null;
}

export interface SubnetBox {
  subnet: ArchNode;
  zone: number;
  members: ArchNode[];
}

export interface ArchEdge {
  from: string;
  to: string;
  label: string;
}

export interface Architecture {
  outside: ArchNode[];
  vpc: ArchNode | null;
  zones: number[];
  publicSubnets: SubnetBox[];
  loadBalancer: { node: ArchNode; tier: "public" | "private" } | null;
  service: ArchNode | null;
  privateSubnets: SubnetBox[];
  edges: ArchEdge[];
  /** Every node once, in reading order: the diagram's text alternative and the tests use it. */
  nodes: ArchNode[];
}
