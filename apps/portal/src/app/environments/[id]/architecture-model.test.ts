import { type EnvironmentSpecInput, renderTemplate } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { buildArchitecture } from "./architecture-model";
import type { StatusEvent } from "./architecture-status";
import type { ArchNode } from "./architecture-types";

const t = (s: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, s));
let clock = 0;
const ev = (id: string, status: string, reason: string | null = null): StatusEvent => ({
  logicalResourceId: id,
  resourceType: id === "notes" ? "AWS::CloudFormation::Stack" : "AWS::Some::Thing",
  resourceStatus: status,
  resourceStatusReason: reason,
  timestamp: t(clock++),
});

const architectureOf = (spec: EnvironmentSpecInput, events: StatusEvent[] = []) =>
  buildArchitecture(renderTemplate(spec), events);
const ids = (nodes: ArchNode[]) => nodes.map((n) => n.id);
const byId = (nodes: ArchNode[], id: string) => nodes.find((n) => n.id === id);

describe("buildArchitecture: the node set follows the rendered template", () => {
  it("draws the default environment: nginx, one NAT, an internal ALB, the service, a Multi-AZ database, an SSM bastion", () => {
    const arch = architectureOf({});
    expect(arch.zones).toEqual([0, 1]);
    expect(arch.publicSubnets.map((b) => [b.subnet.id, b.zone, ids(b.members)])).toEqual([
      ["PublicSubnet1", 0, ["NginxInstance", "NatGateway1"]],
      ["PublicSubnet2", 1, []],
    ]);
    expect(arch.privateSubnets.map((b) => [b.subnet.id, b.zone, ids(b.members)])).toEqual([
      ["PrivateSubnet1", 0, ["BastionInstance", "DbInstance"]],
      ["PrivateSubnet2", 1, ["DbInstance:standby"]],
      ["PrivateSubnet3", 0, []],
    ]);
    expect(arch.loadBalancer).toMatchObject({ tier: "private", node: { label: "Internal load balancer" } });
    expect(ids(arch.outside)).toEqual(["internet", "InternetGateway", "AppImageRepository"]);
    expect(arch.edges.map((e) => `${e.from}>${e.to}`)).toEqual([
      "internet>InternetGateway",
      "InternetGateway>NginxInstance",
      "NginxInstance>AppLoadBalancer",
      "AppLoadBalancer>AppService",
      "AppService>DbInstance",
      "DbInstance>DbInstance:standby",
      "BastionInstance>DbInstance",
      "AppService>AppImageRepository",
      "NatGateway1>InternetGateway",
    ]);
  });

  it("draws one NAT gateway per zone, each in its zone's public subnet", () => {
    const arch = architectureOf({ network: { natGateways: "per-az" } });
    expect(arch.publicSubnets.map((b) => ids(b.members))).toEqual([
      ["NginxInstance", "NatGateway1"],
      ["NatGateway2"],
    ]);
    expect(arch.edges.filter((e) => e.to === "InternetGateway" && e.from.startsWith("Nat"))).toHaveLength(2);
  });

  it("leaves the bastion out when it is disabled, and the standby out without Multi-AZ", () => {
    const arch = architectureOf({ bastion: { enabled: false }, database: { multiAz: false } });
    expect(ids(arch.nodes)).not.toContain("BastionInstance");
    expect(ids(arch.nodes)).not.toContain("DbInstance:standby");
    expect(arch.edges.some((e) => e.from === "BastionInstance")).toBe(false);
  });

  it("says plain HTTP on the edge with TLS none, and HTTPS by certbot with a domain", () => {
    const plain = architectureOf({ edge: { tls: "none" } });
    expect(byId(plain.nodes, "NginxInstance")?.detail).toBe("plain HTTP");
    expect(plain.edges[0]?.label).toBe("HTTP 80");
    const certbot = architectureOf({
      edge: { domain: "notes.example.com", certbotEmail: "ops@example.com" },
    });
    expect(byId(certbot.nodes, "NginxInstance")?.detail).toBe("HTTPS by certbot for notes.example.com");
    expect(certbot.edges[0]?.label).toBe("HTTPS 443, HTTP 80");
  });

  it("makes the ALB the internet-facing edge with ACM, with no nginx", () => {
    const arch = architectureOf({
      edge: {
        domain: "notes.example.com",
        tls: "acm",
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
      },
    });
    expect(ids(arch.nodes)).not.toContain("NginxInstance");
    expect(arch.loadBalancer).toMatchObject({
      tier: "public",
      node: { label: "Internet-facing load balancer" },
    });
    expect(arch.edges.map((e) => `${e.from}>${e.to}`)).toContain("InternetGateway>AppLoadBalancer");
  });
});

describe("buildArchitecture: node status from the stack events", () => {
  it("marks resources without events as not started and follows each resource's latest event", () => {
    const arch = architectureOf({}, [
      ev("notes", "CREATE_IN_PROGRESS"),
      ev("Vpc", "CREATE_IN_PROGRESS"),
      ev("Vpc", "CREATE_COMPLETE"),
      ev("DbInstance", "CREATE_IN_PROGRESS"),
    ]);
    expect(arch.vpc?.status).toBe("complete");
    expect(byId(arch.nodes, "DbInstance")?.status).toBe("in-progress");
    expect(byId(arch.nodes, "DbInstance:standby")?.status).toBe("in-progress");
    expect(byId(arch.nodes, "AppService")?.status).toBe("not-started");
    expect(byId(arch.nodes, "internet")?.status).toBeNull();
  });

  it("keeps the failure of a resource through the rollback that deletes it", () => {
    const arch = architectureOf({}, [
      ev("DbInstance", "CREATE_IN_PROGRESS"),
      ev("DbInstance", "CREATE_COMPLETE"),
      ev("AppService", "CREATE_IN_PROGRESS"),
      ev("AppService", "CREATE_FAILED", "port 127.0.0.1:4100 for notes-api is already in use"),
      ev("notes", "ROLLBACK_IN_PROGRESS"),
      ev("AppService", "DELETE_IN_PROGRESS"),
      ev("AppService", "DELETE_COMPLETE"),
      ev("DbInstance", "DELETE_IN_PROGRESS"),
    ]);
    expect(byId(arch.nodes, "AppService")).toMatchObject({
      status: "deleted",
      failureReason: "port 127.0.0.1:4100 for notes-api is already in use",
    });
    expect(byId(arch.nodes, "DbInstance")).toMatchObject({ status: "deleting", failureReason: null });
  });

  it("keeps what an update does not touch as the create left it (events of every operation count)", () => {
    const arch = architectureOf({}, [
      ev("Vpc", "CREATE_IN_PROGRESS"),
      ev("Vpc", "CREATE_COMPLETE"),
      ev("AppService", "CREATE_IN_PROGRESS"),
      ev("AppService", "CREATE_COMPLETE"),
      ev("notes", "UPDATE_IN_PROGRESS"),
      ev("AppService", "UPDATE_IN_PROGRESS"),
    ]);
    expect(arch.vpc?.status).toBe("complete");
    expect(byId(arch.nodes, "AppService")?.status).toBe("in-progress");
  });

  it("shows a failed resource as failed until it is tried again", () => {
    const failed = [
      ev("NginxInstance", "CREATE_IN_PROGRESS"),
      ev("NginxInstance", "CREATE_FAILED", "timed out"),
    ];
    expect(byId(architectureOf({}, failed).nodes, "NginxInstance")).toMatchObject({
      status: "failed",
      failureReason: "timed out",
    });
    const retried = [...failed, ev("NginxInstance", "UPDATE_IN_PROGRESS")];
    expect(byId(architectureOf({}, retried).nodes, "NginxInstance")).toMatchObject({
      status: "in-progress",
      failureReason: null,
    });
  });
});
