// The address a browser connects from, for "use my IP" (the bastion's SSH CIDR).
//
// Route handlers see no socket, only headers. `next start` records the socket's address in
// X-Forwarded-For, but only when the request did not already carry that header, so the header alone
// cannot tell a proxy's record from a browser's claim. We therefore read it as follows:
// - TRUST_PROXY unset: no proxy is trusted. A single entry is what Next.js recorded (or a client's claim
//   about itself, which only fills that client's own form); several entries mean a proxy chain we were
//   not told to trust, so we refuse rather than guess.
// - TRUST_PROXY=n (or "true" for 1): n trusted proxies append to the header; the client is the entry
//   that the outermost trusted proxy appended, n places from the right.

export type CallerAddress =
  | { ok: true; address: string; cidr: string; loopback: boolean }
  | { ok: false; reason: string };

export function trustedProxyHops(setting: string | undefined): number {
  if (!setting || setting === "false" || setting === "0") return 0;
  if (setting === "true") return 1;
  const hops = Number(setting);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function resolveCallerAddress(forwardedFor: string | null, hops: number): CallerAddress {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return { ok: false, reason: "The portal could not see your address." };
  if (hops === 0 && entries.length > 1) {
    return {
      ok: false,
      reason: "The request came through proxies the portal is not configured to trust (set TRUST_PROXY).",
    };
  }
  const picked = entries[Math.max(0, entries.length - Math.max(hops, 1))] ?? "";
  const address = picked.replace(/^::ffff:/i, "");
  if (!IPV4.test(address)) {
    return { ok: false, reason: `Your address ${address} is not IPv4; the SSH rule needs an IPv4 CIDR.` };
  }
  return { ok: true, address, cidr: `${address}/32`, loopback: address.startsWith("127.") };
}
