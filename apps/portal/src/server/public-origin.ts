// The portal's public origin: what browsers type to reach it. STACKYARD_PUBLIC_URL when the portal is
// served under another name (a proxy, a domain), else the address `npm start` listens on. It is the one
// origin mutations may come from and the one a sign-in may return to; never the request's own Host,
// which the client writes. The variables are read and checked in config.ts.
import "server-only";
import { type RuntimeConfig, runtimeConfig } from "./config";

const LISTEN_HOST = "127.0.0.1";

type OriginSettings = Pick<RuntimeConfig, "publicOrigin" | "port">;

export function publicOrigin(settings: OriginSettings = runtimeConfig()): string {
  return settings.publicOrigin ?? `http://${LISTEN_HOST}:${settings.port}`;
}

/**
 * Every origin the portal's pages are served from: the public one, and, when none is configured, the same
 * port under the loopback's other names (a browser opened at http://localhost:3000 is on this machine too;
 * a DNS-rebound page cannot send these origins, only its own domain's).
 */
export function acceptedOrigins(settings: OriginSettings = runtimeConfig()): string[] {
  const primary = publicOrigin(settings);
  if (settings.publicOrigin) return [primary];
  return [primary, `http://localhost:${settings.port}`, `http://[::1]:${settings.port}`];
}
