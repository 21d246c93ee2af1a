// TRUST_PROXY names the proxies in front of the portal: a hop count ("true" = 1), or a comma list of
// addresses and CIDRs. Unset, no proxy is trusted and X-Forwarded-* from the client mean nothing.
import { BlockList, isIPv4, isIPv6 } from "node:net";

export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; hops: number }
  | { kind: "list"; list: BlockList };

export function unmapped(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

export function parseTrustProxy(setting: string | undefined): TrustedProxies {
  const value = setting?.trim() ?? "";
  if (value === "" || value === "false" || value === "0") return { kind: "none" };
  if (value === "true") return { kind: "hops", hops: 1 };
  if (/^\d+$/.test(value)) return { kind: "hops", hops: Number(value) };
  const list = new BlockList();
  for (const entry of value.split(",").map((part) => part.trim())) {
    const [address = "", prefix] = entry.split("/");
    const type = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : null;
    if (!type) throw new Error(`TRUST_PROXY: "${entry}" is neither a hop count nor an address or CIDR`);
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return { kind: "list", list };
}

/** Whether the chain entry `position` places from the right (0 = the socket's peer) is a trusted proxy. */
export function isTrusted(proxies: TrustedProxies, address: string, position: number): boolean {
  if (proxies.kind === "hops") return position < proxies.hops;
  if (proxies.kind === "none") return false;
  const plain = unmapped(address);
  const type = isIPv4(plain) ? "ipv4" : isIPv6(plain) ? "ipv6" : null;
  return type !== null && proxies.list.check(plain, type);
}

/**
 * The client in a chain of addresses (X-Forwarded-For's entries, then the socket's peer): the
 * right-most one not appended by a trusted proxy. Entries left of it are the client's own claims.
 */
export function rightmostUntrusted(chain: string[], proxies: TrustedProxies): string | null {
  for (let i = chain.length - 1, position = 0; i >= 0; i--, position++) {
    const entry = chain[i] as string;
    if (!isTrusted(proxies, entry, position)) return entry;
  }
  return chain[0] ?? null;
}
