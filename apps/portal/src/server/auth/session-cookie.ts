// The session cookie: an opaque random token, httpOnly (no script can read it), SameSite=Lax (not sent
// on cross-site subrequests or form posts), Secure and __Host- prefixed when the portal is served over
// HTTPS. The server keeps only the token's SHA-256 (see sessions.ts).

import "server-only";
import { requestScheme } from "../request-address";

const PLAIN_NAME = "stackyard_session";
// Browsers accept a __Host- cookie only with Secure, Path=/ and no Domain: it cannot be planted by a
// sibling subdomain.
const SECURE_NAME = "__Host-stackyard_session";

/**
 * Whether the browser reached us over HTTPS: the socket's scheme, or a trusted proxy's
 * X-Forwarded-Proto (request-address.ts). Not the request's URL: Next.js builds its scheme from the
 * client's own X-Forwarded-Proto.
 */
export function servedOverHttps(request: Request | undefined): boolean {
  return requestScheme(request) === "https";
}

export function readSessionToken(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SECURE_NAME || name === PLAIN_NAME) {
      const value = rest.join("=");
      if (/^[\w-]{43}$/.test(value)) return value;
    }
  }
  return null;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const name = secure ? SECURE_NAME : PLAIN_NAME;
  const attributes = [
    `${name}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", new Date(0), secure).replace("Expires=", "Max-Age=0; Expires=");
}
