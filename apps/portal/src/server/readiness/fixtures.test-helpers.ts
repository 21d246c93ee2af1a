// Probe targets for unit tests: an AWS environment with a domain behind nginx (certbot), and variants.
import type { ProbeTarget } from "./target";

export function awsTarget(overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  return {
    target: "aws",
    appUrl: "https://notes.example.com",
    scheme: "https",
    connectHost: "203.0.113.9",
    port: 443,
    domain: "notes.example.com",
    tls: "certbot",
    edge: "nginx",
    expectedAddress: "203.0.113.9",
    databaseEndpoint: "notes.abc123.us-east-1.rds.amazonaws.com",
    ...overrides,
  };
}

export function localTarget(port = 20001): ProbeTarget {
  return {
    target: "local",
    appUrl: `http://127.0.0.1:${port}`,
    scheme: "http",
    connectHost: "127.0.0.1",
    port,
    domain: null,
    tls: "none",
    edge: "nginx",
    expectedAddress: null,
    databaseEndpoint: "127.0.0.1:3317",
  };
}

/** A resolver answering from a table; names not in it fail the way node's do (ENOTFOUND). */
export function fakeResolver(table: Record<string, string[] | { code: string }>) {
  const asked: string[] = [];
  return {
    asked,
    async resolve4(name: string): Promise<string[]> {
      asked.push(name);
      const answer = table[name];
      if (Array.isArray(answer)) return answer;
      throw Object.assign(new Error(`queryA ${answer?.code ?? "ENOTFOUND"} ${name}`), {
        code: answer?.code ?? "ENOTFOUND",
      });
    },
  };
}
