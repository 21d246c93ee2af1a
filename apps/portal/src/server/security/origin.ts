// Mutations must come from the portal's own pages. SameSite=Lax already keeps the session cookie off
// cross-site POSTs; checking Origin as well refuses them even from a sibling site. Browsers send Origin
// on every POST made by fetch, so a missing one is refused too (server-side callers have no request).
import { TRPCError } from "@trpc/server";

/** The origins the browser may use: the Host it reached (or the forwarded one behind a trusted proxy). */
function expectedHosts(request: Request): string[] {
  const hosts = [request.headers.get("host"), new URL(request.url).host];
  if (process.env.TRUST_PROXY) hosts.push(request.headers.get("x-forwarded-host"));
  return hosts.filter((host): host is string => Boolean(host));
}

export function originProblem(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return "The request has no Origin header; changes are accepted only from the portal's pages.";
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return "The request's Origin header is not a URL.";
  }
  if (!expectedHosts(request).includes(host)) {
    return `Changes are accepted only from the portal's own pages, not from ${origin}.`;
  }
  return null;
}

export function assertSameOrigin(request: Request | undefined): void {
  if (!request) return;
  const problem = originProblem(request);
  if (problem) throw new TRPCError({ code: "FORBIDDEN", message: problem });
}
