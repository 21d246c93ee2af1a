// TLS hop: the certificate the edge serves for the domain. Trust and expiry are judged here from what the
// handshake reported (evaluateTls is pure); readCertificate does the one connection.
import "server-only";
import { checkServerIdentity, connect, type PeerCertificate } from "node:tls";
import { fail, type HopVerdict, pass } from "./hops";
import type { ProbeTarget } from "./target";

export interface CertificateSeen {
  /** Chain verified against the system's trusted roots. */
  authorized: boolean;
  /** OpenSSL's code when not authorized, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  authorizationError: string | null;
  /** Set when the certificate does not cover the name asked for. */
  hostnameError: string | null;
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
}

export type TlsObservation = { certificate: CertificateSeen } | { connectError: string };

const DAY_MS = 86_400_000;
const SELF_SIGNED = new Set(["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN"]);

export function tlsSkipReason(target: ProbeTarget): string | null {
  if (target.scheme === "https") return null;
  return target.target === "local"
    ? "local sandbox: nginx serves plain HTTP"
    : "TLS is off for this environment (edge.tls is none)";
}

export function evaluateTls(target: ProbeTarget, seen: TlsObservation, now: Date): HopVerdict {
  const where = `${target.domain ?? target.connectHost}:${target.port}`;
  if ("connectError" in seen) {
    return fail(`no TLS handshake with ${where}`, seen.connectError, noHandshakeAction(target));
  }
  const cert = seen.certificate;
  const daysLeft = Math.floor((cert.validTo.getTime() - now.getTime()) / DAY_MS);
  const expiry = `expires ${isoDay(cert.validTo)} (${daysLeft >= 0 ? `in ${daysLeft} days` : `${-daysLeft} days ago`})`;
  const shown = `${cert.subject}, issued by ${cert.issuer}, ${expiry}`;
  if (cert.validTo.getTime() <= now.getTime()) {
    return fail(shown, `expired on ${isoDay(cert.validTo)}`, renewAction(target));
  }
  if (cert.validFrom.getTime() > now.getTime()) {
    return fail(
      shown,
      `not valid until ${isoDay(cert.validFrom)}`,
      "Check the server's clock and the certificate's dates.",
    );
  }
  if (cert.authorizationError && SELF_SIGNED.has(cert.authorizationError)) {
    return fail(shown, `untrusted: self-signed certificate (${expiry})`, selfSignedAction(target));
  }
  if (!cert.authorized) {
    const code = cert.authorizationError ?? "not trusted";
    return fail(
      shown,
      `untrusted: ${code} (${expiry})`,
      "Serve the full chain (fullchain.pem, not cert.pem) of a certificate from a public authority.",
    );
  }
  if (cert.hostnameError) {
    return fail(shown, cert.hostnameError, `Issue a certificate that covers ${target.domain}.`);
  }
  return pass(daysLeft < 14 ? `${shown}; renewal is due` : shown);
}

function noHandshakeAction(target: ProbeTarget): string {
  if (target.edge === "alb") return "Check the load balancer's HTTPS listener and its ACM certificate.";
  return `nginx is not serving HTTPS yet: certbot issues the certificate once ${target.domain} resolves to nginx (see the DNS hop) and retries every 2 minutes.`;
}

function renewAction(target: ProbeTarget): string {
  return target.edge === "alb"
    ? "Renew or re-import the ACM certificate."
    : "Renew it on the nginx instance: sudo certbot renew && sudo systemctl reload nginx.";
}

function selfSignedAction(target: ProbeTarget): string {
  return target.edge === "alb"
    ? "Browsers refuse it: attach an ACM certificate issued for the domain."
    : `Browsers refuse it: serve a certificate from a public authority (certbot issues one once ${target.domain ?? "the domain"} resolves to nginx).`;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** One TLS handshake with the edge, sending the domain as the server name; never sends a request. */
export function readCertificate(
  host: string,
  port: number,
  servername: string,
  timeoutMs: number,
): Promise<TlsObservation> {
  return new Promise((resolve) => {
    // Verification is judged by evaluateTls from what the handshake reports, so it must not abort it.
    const socket = connect({
      host,
      port,
      servername,
      rejectUnauthorized: false,
      ALPNProtocols: ["http/1.1"],
    });
    const done = (result: TlsObservation) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      done({ connectError: `no TLS handshake with ${host}:${port} within ${timeoutMs} ms` }),
    );
    socket.once("error", (error) => done({ connectError: connectErrorText(error, host, port) }));
    socket.once("secureConnect", () => {
      const peer = socket.getPeerCertificate();
      const authorizationError = socket.authorizationError ? String(socket.authorizationError) : null;
      done({ certificate: certificateSeen(peer, socket.authorized, authorizationError, servername) });
    });
  });
}

function certificateSeen(
  peer: PeerCertificate,
  authorized: boolean,
  authorizationError: string | null,
  servername: string,
): CertificateSeen {
  const identity = checkServerIdentity(servername, peer);
  return {
    authorized,
    authorizationError,
    hostnameError: identity ? `the certificate is not valid for ${servername}: ${identity.message}` : null,
    subject: peer.subject?.CN ? `CN=${first(peer.subject.CN)}` : "no subject name",
    issuer: first(peer.issuer?.O ?? peer.issuer?.CN) ?? "unknown issuer",
    validFrom: new Date(peer.valid_from),
    validTo: new Date(peer.valid_to),
  };
}

/** Certificate name fields repeat (e.g. two OUs): node gives an array then. */
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function connectErrorText(error: unknown, host: string, port: number): string {
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED") return `connection refused by ${host}:${port} (nothing listens there)`;
  if (code === "ETIMEDOUT") return `connection to ${host}:${port} timed out`;
  if (code === "ECONNRESET") return `connection to ${host}:${port} was reset`;
  return `${host}:${port}: ${(error as Error).message}`;
}
