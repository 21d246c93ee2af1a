// The address a browser connects from, for "use my IP" (the bastion's SSH CIDR): the client address as
// request-address.ts resolves it (the socket's peer, or behind TRUST_PROXY the right-most untrusted
// X-Forwarded-For entry), as an IPv4 /32.

import "server-only";
export type CallerAddress =
  | { ok: true; address: string; cidr: string; loopback: boolean }
  | { ok: false; reason: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function resolveCallerAddress(client: string | null): CallerAddress {
  if (!client) return { ok: false, reason: "The portal could not see your address." };
  const address = client.replace(/^::ffff:/i, "");
  if (!IPV4.test(address)) {
    return { ok: false, reason: `Your address ${address} is not IPv4; the SSH rule needs an IPv4 CIDR.` };
  }
  return { ok: true, address, cidr: `${address}/32`, loopback: address.startsWith("127.") };
}
