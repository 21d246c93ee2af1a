// Where a probe goes: from an environment's target, spec and stack outputs to the addresses each hop
// checks. Pure, so every edge mode is unit-tested without a network.
import "server-only";
import { resolveSpec, type TlsMode } from "@stackyard/templates";

export interface ProbeTarget {
  target: "local" | "aws";
  /** The AppUrl output: what the user opens. */
  appUrl: string;
  scheme: "http" | "https";
  /** Where requests are sent: nginx's address (AWS: its EIP, locally 127.0.0.1) or the ALB's name. */
  connectHost: string;
  port: number;
  /** The name the user types, sent as Host and as the TLS server name; null when there is none. */
  domain: string | null;
  /** TLS as actually served: the local sandbox's nginx always serves plain HTTP. */
  tls: TlsMode;
  /** acm: the load balancer is the edge and there is no nginx. */
  edge: "nginx" | "alb";
  /** The address DNS must give for the domain (the NginxPublicIp output), or the ALB's name in acm mode. */
  expectedAddress: string | null;
  /** The DbEndpoint output, named in the database hop's advice. */
  databaseEndpoint: string | null;
}

export interface ProbeableEnvironment {
  target: "local" | "aws";
  spec: unknown;
  outputs: unknown;
}

export type ProbeTargetResult = { ok: true; target: ProbeTarget } | { ok: false; reason: string };

export function probeTargetOf(environment: ProbeableEnvironment): ProbeTargetResult {
  const outputs = stringOutputs(environment.outputs);
  const appUrl = outputs.AppUrl;
  if (!appUrl || !/^https?:\/\//.test(appUrl)) {
    return { ok: false, reason: "the stack has no AppUrl output yet: wait for the operation to finish" };
  }
  const url = new URL(appUrl);
  const scheme = url.protocol === "https:" ? "https" : "http";
  const port = url.port ? Number(url.port) : scheme === "https" ? 443 : 80;
  if (environment.target === "local") {
    return {
      ok: true,
      target: {
        target: "local",
        appUrl,
        scheme,
        connectHost: url.hostname,
        port,
        domain: null,
        tls: scheme === "https" ? "certbot" : "none",
        edge: "nginx",
        expectedAddress: null,
        databaseEndpoint: outputs.DbEndpoint ?? null,
      },
    };
  }
  return awsTarget(environment.spec, outputs, appUrl, scheme, port);
}

function awsTarget(
  rawSpec: unknown,
  outputs: Record<string, string>,
  appUrl: string,
  scheme: "http" | "https",
  port: number,
): ProbeTargetResult {
  let spec: ReturnType<typeof resolveSpec>;
  try {
    spec = resolveSpec(rawSpec);
  } catch {
    return { ok: false, reason: "the environment's spec no longer validates, so its edge is unknown" };
  }
  const { domain, tls } = spec.edge;
  const edge = tls === "acm" ? "alb" : "nginx";
  const expectedAddress = (edge === "alb" ? outputs.AlbDnsName : outputs.NginxPublicIp) ?? null;
  const connectHost = expectedAddress ?? new URL(appUrl).hostname;
  return {
    ok: true,
    target: {
      target: "aws",
      appUrl,
      scheme,
      connectHost,
      port,
      domain,
      tls,
      edge,
      expectedAddress,
      databaseEndpoint: outputs.DbEndpoint ?? null,
    },
  };
}

function stringOutputs(outputs: unknown): Record<string, string> {
  if (!outputs || typeof outputs !== "object") return {};
  return Object.fromEntries(
    Object.entries(outputs as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
}
