// The runner's order and skipping, against a loopback HTTP server standing in for nginx and an injected
// resolver (AWS DNS cannot be reached from tests).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { awsTarget, fakeResolver } from "./fixtures.test-helpers";
import { NGINX_PROBE_PATH, runProbe } from "./probe";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function edge(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  const started = createServer(handler);
  server = started;
  await new Promise<void>((resolve) => started.listen(0, "127.0.0.1", resolve));
  return (started.address() as AddressInfo).port;
}

const plainAws = (port: number) =>
  awsTarget({ scheme: "http", tls: "none", port, connectHost: "127.0.0.1", expectedAddress: "127.0.0.1" });

const healthyNginx = (hosts: string[]) => (req: IncomingMessage, res: ServerResponse) => {
  hosts.push(String(req.headers.host));
  res.setHeader("X-Stackyard-Proxy", "nginx");
  if (req.url === NGINX_PROBE_PATH) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: "ready", database: { ok: true, roundTripMs: 2 } }));
};

describe("a probe of an AWS environment", () => {
  it("reports a wrong A record and still checks nginx, the app and the database at the nginx address", async () => {
    const hosts: string[] = [];
    const port = await edge(healthyNginx(hosts));
    const resolver = fakeResolver({ "notes.example.com": ["198.51.100.4"] });
    const hops = await runProbe(plainAws(port), { resolver });
    expect(hops.map((h) => [h.hop, h.outcome])).toEqual([
      ["dns", "fail"],
      ["tls", "skipped"],
      ["nginx", "pass"],
      ["app", "pass"],
      ["database", "pass"],
    ]);
    expect(hops[0]?.action).toBe(
      "notes.example.com points to 198.51.100.4 but nginx is at 127.0.0.1: update the A record",
    );
    expect(hops[4]?.latencyMs).toBe(2);
    expect(hops[2]?.latencyMs).toEqual(expect.any(Number));
    // The domain is sent as Host, so nginx's server_name matches whatever DNS says.
    expect(hosts).toEqual(["notes.example.com", "notes.example.com"]);
  });

  it("skips the app and the database when something other than nginx answers", async () => {
    const port = await edge((_req, res) => res.writeHead(200).end("hello"));
    const resolver = fakeResolver({ "notes.example.com": ["127.0.0.1"] });
    const hops = await runProbe(plainAws(port), { resolver });
    expect(hops.map((h) => [h.hop, h.outcome])).toEqual([
      ["dns", "pass"],
      ["tls", "skipped"],
      ["nginx", "fail"],
      ["app", "skipped"],
      ["database", "skipped"],
    ]);
    expect(hops[3]?.detail).toBe("skipped because the nginx hop failed");
    expect(hops[4]?.detail).toBe("skipped because the App through the load balancer hop failed");
  });

  it("fails the app hop on nginx's 502 and leaves the database unknown", async () => {
    const port = await edge((req, res) => {
      res.setHeader("X-Stackyard-Proxy", "nginx");
      res.writeHead(req.url === NGINX_PROBE_PATH ? 404 : 502).end();
    });
    const hops = await runProbe(plainAws(port), {
      resolver: fakeResolver({ "notes.example.com": ["127.0.0.1"] }),
    });
    expect(hops.find((h) => h.hop === "app")?.error).toBe(
      "nginx is up but cannot reach the app (502 Bad Gateway)",
    );
    expect(hops.find((h) => h.hop === "database")?.outcome).toBe("skipped");
  });

  it("skips hops not started before the overall deadline", async () => {
    const port = await edge(healthyNginx([]));
    const slowResolver = {
      resolve4: () => new Promise<string[]>((resolve) => setTimeout(() => resolve(["127.0.0.1"]), 60)),
    };
    const hops = await runProbe(plainAws(port), { resolver: slowResolver, deadlineMs: 30 });
    expect(hops[0]?.outcome).toBe("pass");
    expect(hops.slice(1).every((h) => h.outcome === "skipped" && h.detail.includes("deadline"))).toBe(true);
  });
});
