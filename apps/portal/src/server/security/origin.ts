// Mutations must come from the portal's own pages. SameSite=Lax already keeps the session cookie off
// cross-site POSTs; checking Origin as well refuses them even from a sibling site. Browsers send Origin
// on every POST made by fetch, so a missing one is refused too (server-side callers have no request).
// The origin compared with is the configured public one (public-origin.ts), never the request's Host or
// X-Forwarded-Host: those are written by the client, so a DNS-rebound page could make them match.
import "server-only";
import { TRPCError } from "@trpc/server";
import { acceptedOrigins } from "../public-origin";

export function originProblem(
  request: Request,
  expected: string | string[] = acceptedOrigins(),
): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return "The request has no Origin header; changes are accepted only from the portal's pages.";
  let sent: string;
  try {
    sent = new URL(origin).origin;
  } catch {
    return "The request's Origin header is not a URL.";
  }
  if (!(Array.isArray(expected) ? expected : [expected]).includes(sent)) {
    return `Changes are accepted only from the portal's own pages, not from ${origin}.`;
  }
  return null;
}

export function assertSameOrigin(request: Request | undefined): void {
  if (!request) return;
  const problem = originProblem(request);
  if (problem) throw new TRPCError({ code: "FORBIDDEN", message: problem });
}
