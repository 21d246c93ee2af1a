// DNS hop: does the domain the user types resolve to the edge the stack created? Only AWS environments
// with a domain have one; the resolver is injected so tests never touch real DNS.
import "server-only";
import { Resolver } from "node:dns/promises";
import { fail, type HopVerdict, pass } from "./hops";
import type { ProbeTarget } from "./target";

/** The part of node:dns/promises' Resolver the hop uses. */
export interface DnsResolver {
  resolve4(hostname: string): Promise<string[]>;
}

export type Resolution = { addresses: string[] } | { errorCode: string };

export function systemResolver(timeoutMs: number): DnsResolver {
  return new Resolver({ timeout: timeoutMs, tries: 2 });
}

export async function resolveName(resolver: DnsResolver, name: string): Promise<Resolution> {
  try {
    return { addresses: await resolver.resolve4(name) };
  } catch (error) {
    return { errorCode: String((error as { code?: string }).code ?? (error as Error).message) };
  }
}

/** Why there is nothing to resolve, or null when the hop applies. */
export function dnsSkipReason(target: ProbeTarget): string | null {
  if (target.target === "local") return `local sandbox: no DNS, the app is served at ${target.connectHost}`;
  if (!target.domain) return `no domain: the app is served at the address ${target.connectHost}`;
  if (!target.expectedAddress) return "the stack has no edge address output to compare the domain with";
  return null;
}

/**
 * nginx edge: the domain's A records must include the nginx EIP. acm edge: the domain must share an
 * address with the load balancer's name (a CNAME or Route 53 alias to it).
 */
export function evaluateDns(
  target: ProbeTarget,
  domainResolution: Resolution,
  edgeResolution?: Resolution,
): HopVerdict {
  const domain = target.domain ?? "";
  const expected = target.expectedAddress ?? "";
  if ("errorCode" in domainResolution) return lookupFailure(domain, expected, target, domainResolution);
  const found = domainResolution.addresses;
  const shown = `${domain} → ${found.join(", ")}`;
  const edgeAddresses =
    target.edge === "alb"
      ? edgeResolution && "addresses" in edgeResolution
        ? edgeResolution.addresses
        : []
      : [expected];
  if (found.some((address) => edgeAddresses.includes(address))) return pass(shown);
  if (target.edge === "alb") {
    return fail(
      shown,
      `${domain} resolves to ${found.join(", ")}, none of which is the load balancer ${expected}`,
      `${domain} points to ${found.join(", ")} but the load balancer is ${expected}: point a CNAME (or a Route 53 alias) for ${domain} at ${expected}`,
    );
  }
  return fail(
    shown,
    `${domain} resolves to ${found.join(", ")}, not to nginx's ${expected}`,
    `${domain} points to ${found.join(", ")} but nginx is at ${expected}: update the A record`,
  );
}

function lookupFailure(domain: string, expected: string, target: ProbeTarget, result: { errorCode: string }) {
  const record =
    target.edge === "alb"
      ? `a CNAME (or Route 53 alias) for ${domain} to ${expected}`
      : `an A record for ${domain} pointing to ${expected}`;
  switch (result.errorCode) {
    case "ENOTFOUND":
      return fail(
        `${domain}: no such name`,
        `${domain} does not exist in DNS (NXDOMAIN)`,
        `Create ${record}.`,
      );
    case "ENODATA":
      return fail(`${domain}: no address`, `${domain} exists but has no IPv4 address`, `Create ${record}.`);
    default:
      return fail(
        `${domain}: lookup failed`,
        `DNS lookup of ${domain} failed (${result.errorCode})`,
        `Check that the name servers of ${domain}'s zone answer (e.g. dig ${domain}), then run the probe again.`,
      );
  }
}
