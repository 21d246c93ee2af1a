// The security headers of every response, computed once. They are what helmet 8 sends with our options
// (CSP below, no HSTS: TLS ends at nginx or the ALB, which own it, and a plain-HTTP local sandbox must
// not pin HTTPS). @fastify/helmet rebuilt its middleware and re-parsed the CSP on every request: a few
// per cent of the CPU of a list request, for headers that never change.
import type { FastifyInstance } from "fastify";

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join(";");

const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Origin-Agent-Cluster", "?1"],
  ["Referrer-Policy", "same-origin"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-DNS-Prefetch-Control", "off"],
  ["X-Download-Options", "noopen"],
  ["X-Frame-Options", "DENY"],
  ["X-Permitted-Cross-Domain-Policies", "none"],
  // The old XSS auditor did more harm than good; 0 turns it off in browsers that still have it.
  ["X-XSS-Protection", "0"],
];

/** Set on the raw response before routing, so 404s and error pages carry them too. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of SECURITY_HEADERS) reply.raw.setHeader(name, value);
    done();
  });
}
