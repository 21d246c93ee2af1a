// The portal's public origin: what browsers type to reach it. STACKYARD_PUBLIC_URL when the portal is
// served under another name (a proxy, a domain), else the address `npm start` listens on. It is the one
// origin mutations may come from and the one a sign-in may return to; never the request's own Host,
// which the client writes.

const LISTEN_HOST = "127.0.0.1";

export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
  const configured = env.STACKYARD_PUBLIC_URL?.trim();
  if (configured) {
    const url = new URL(configured);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new Error(`STACKYARD_PUBLIC_URL must be an http(s) URL, not ${configured}`);
    }
    return url.origin;
  }
  return `http://${LISTEN_HOST}:${env.PORT || "3000"}`;
}

/**
 * Every origin the portal's pages are served from: the public one, and, when none is configured, the same
 * port under the loopback's other names (a browser opened at http://localhost:3000 is on this machine too;
 * a DNS-rebound page cannot send these origins, only its own domain's).
 */
export function acceptedOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const primary = publicOrigin(env);
  if (env.STACKYARD_PUBLIC_URL?.trim()) return [primary];
  const port = env.PORT || "3000";
  return [primary, `http://localhost:${port}`, `http://[::1]:${port}`];
}
