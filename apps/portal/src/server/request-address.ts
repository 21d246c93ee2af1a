// Where a request comes from, for sessions, the audit log, the sign-in throttle and "use my IP": the
// socket's peer (stamped by socket-peer.ts); behind proxies named by TRUST_PROXY, the right-most
// X-Forwarded-For entry that no trusted proxy appended. Likewise the scheme: the socket's, or behind a
// trusted proxy its X-Forwarded-Proto. Never what the client alone claims.
import "server-only";
import { runtimeConfig } from "./config";
import { socketPeer } from "./http/socket-peer";
import { isTrusted, rightmostUntrusted, type TrustedProxies, unmapped } from "./http/trusted-proxy";

function forwardedEntries(header: string | null): string[] {
  return (header ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function clientAddress(
  request: Request | undefined,
  proxies: TrustedProxies = runtimeConfig().trustProxy,
): string | null {
  const peer = request ? socketPeer(request.headers) : null;
  if (!request || !peer) return null;
  if (proxies.kind === "none") return unmapped(peer.address);
  const chain = [...forwardedEntries(request.headers.get("x-forwarded-for")), peer.address];
  const client = rightmostUntrusted(chain, proxies);
  return client === null ? null : unmapped(client).slice(0, 64);
}

export function requestScheme(
  request: Request | undefined,
  proxies: TrustedProxies = runtimeConfig().trustProxy,
): "http" | "https" {
  const peer = request ? socketPeer(request.headers) : null;
  if (!request || !peer) return "http";
  // Only a trusted proxy's word counts: the socket's peer must be one.
  if (!isTrusted(proxies, peer.address, 0)) return peer.scheme;
  const forwarded = forwardedEntries(request.headers.get("x-forwarded-proto")).at(-1);
  return forwarded === "https" || forwarded === "http" ? forwarded : peer.scheme;
}

/** "From where" for sessions and the audit log (null when the request does not say). */
export function requestAddress(request: Request | undefined): string | null {
  return clientAddress(request);
}
