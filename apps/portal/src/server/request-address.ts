// "From where" for sessions and the audit log: the caller's address as caller-address.ts reads it
// (honouring TRUST_PROXY), or null when the request does not say.
import { resolveCallerAddress, trustedProxyHops } from "./caller-address";

export function requestAddress(request: Request | undefined): string | null {
  if (!request) return null;
  const forwarded = request.headers.get("x-forwarded-for");
  const resolved = resolveCallerAddress(forwarded, trustedProxyHops(process.env.TRUST_PROXY));
  if (resolved.ok) return resolved.address;
  // IPv6 and untrusted chains are refused for "use my IP" but still worth recording as given.
  return forwarded ? forwarded.slice(0, 64) : null;
}
