// The portal's public origin: what browsers type to reach it. STACKYARD_PUBLIC_URL when the portal is
// served under another name (a proxy, a domain), else the address `npm start` listens on. It is the one
// origin mutations may come from and the one a sign-in may return to; never the request's own Host,
// which the client writes.

const LISTEN_HOST = "127.0.0.1";

export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
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
