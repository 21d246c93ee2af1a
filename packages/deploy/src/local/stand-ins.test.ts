import { renderTemplate } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { templateResources } from "./ordering.js";
import { roleOf } from "./stand-ins.js";

const variants = {
  default: {},
  "ACM at the load balancer": {
    edge: {
      domain: "notes.example.com",
      tls: "acm" as const,
      acmCertificateArn:
        "arn:aws:acm:us-east-1:123456789012:certificate/0b0c3e5a-1111-2222-3333-444455556666",
    },
  },
  "no bastion, one NAT per zone": {
    bastion: { enabled: false },
    network: { natGateways: "per-az" as const },
  },
};

describe("roleOf: what runs for real locally", () => {
  for (const [name, spec] of Object.entries(variants)) {
    it(`gives the ${name} variant one database, one service and one edge; the rest is simulated`, () => {
      const resources = templateResources(renderTemplate({ name: "notes-dev", ...spec }).json);
      const real = resources
        .map((r) => [r.logicalId, roleOf(r, resources)] as const)
        .filter(([, role]) => role !== "simulated");
      const edge = name.startsWith("ACM") ? "AppLoadBalancer" : "NginxInstance";
      expect(Object.fromEntries(real)).toEqual({
        DbInstance: "database",
        AppService: "service",
        [edge]: "edge",
      });
    });
  }
});
