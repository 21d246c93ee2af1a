// The API as a browser or script sees it: over HTTP through the fetch adapter, errors formatted.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { DETACHED_VIEWER } from "../auth/test-users.test-helpers";
import { PEER_HEADER, peerStamp } from "../http/socket-peer";
import type { Context } from "../trpc";
import { appRouter } from "./_app";

async function call(path: string, input: unknown) {
  const url = `http://portal.test/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    // As the portal's server stamps it (socket-peer.ts): the browser's socket is 203.0.113.7.
    req: new Request(url, {
      headers: { [PEER_HEADER]: peerStamp({ address: "203.0.113.7", scheme: "http" }) },
    }),
    router: appRouter,
    // These procedures never touch the database; they need a signed-in viewer.
    createContext: ({ req }) => ({
      prisma: undefined as unknown as Context["prisma"],
      request: req,
      user: DETACHED_VIEWER,
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      result?: { data: { json: unknown } };
      error?: { json: { message: string; data: { fieldErrors: unknown } } };
    },
  };
}

describe("templates over HTTP", () => {
  it("renders YAML and JSON for a valid spec", async () => {
    const { status, body } = await call("templates.render", { spec: { name: "notes-prod" } });
    expect(status).toBe(200);
    const data = body.result?.data.json as { yaml: string; json: string };
    expect(data.yaml).toMatch(/^AWSTemplateFormatVersion/m);
    expect(JSON.parse(data.json).Resources).toHaveProperty("Vpc");
  });

  it("answers an invalid spec with 400 and the path of every bad field", async () => {
    const { status, body } = await call("templates.render", {
      spec: { edge: { domain: "https://bad domain" }, app: { cpu: 256, memoryMiB: 4096 } },
    });
    expect(status).toBe(400);
    expect(body.error?.json.data.fieldErrors).toEqual(
      expect.arrayContaining([
        { path: "edge.domain", message: expect.stringMatching(/must be a domain name/) },
      ]),
    );
  });

  it("reports an impossible Fargate size at the memory field", async () => {
    const { body } = await call("templates.render", { spec: { app: { cpu: 256, memoryMiB: 4096 } } });
    expect(body.error?.json.data.fieldErrors).toEqual([
      { path: "app.memoryMiB", message: "with 256 CPU units Fargate offers 512, 1024, 2048 MiB, not 4096" },
    ]);
  });

  it("checks the template and estimates its cost, with Multi-AZ and NAT per zone in the line items", async () => {
    const checked = await call("templates.check", { spec: {} });
    expect(checked.body.result?.data.json).toEqual([]);
    const spec = { network: { natGateways: "per-az", azCount: 3 }, database: { multiAz: true } };
    const { body } = await call("templates.estimate", { spec });
    const estimate = body.result?.data.json as {
      totalMonthlyUsd: number;
      items: { id: string; label: string }[];
    };
    expect(estimate.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: "nat-gateways", label: "NAT gateways (3)" }),
        expect.objectContaining({ id: "rds-instance", label: expect.stringMatching(/Multi-AZ/) }),
      ]),
    );
    expect(estimate.totalMonthlyUsd).toBeGreaterThan(100);
  });

  it("gives the default spec as the example, and the caller's address for use-my-IP", async () => {
    const example = await call("templates.example", undefined);
    expect(example.body.result?.data.json).toMatchObject({
      name: "notes-prod",
      network: { vpcCidr: "10.0.0.0/16" },
    });
    const address = await call("network.callerAddress", undefined);
    expect(address.body.result?.data.json).toEqual({
      ok: true,
      address: "203.0.113.7",
      cidr: "203.0.113.7/32",
      loopback: false,
    });
  });
});
