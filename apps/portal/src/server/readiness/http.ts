// The one HTTP request a hop makes: to the edge's address, with the domain as Host and TLS server name,
// so DNS problems (judged by the DNS hop) do not hide what nginx and the app would answer.
import "server-only";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { ProbeTarget } from "./target";
import { connectErrorText } from "./tls";

export type HttpObservation =
  | { status: number; headers: IncomingHttpHeaders; body: string }
  | { connectError: string };

const MAX_BODY = 4096;

export function probeRequest(target: ProbeTarget, path: string, timeoutMs: number): Promise<HttpObservation> {
  const { connectHost: host, port } = target;
  const hostHeader = target.domain ?? (target.port === defaultPort(target) ? host : `${host}:${port}`);
  const send = target.scheme === "https" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      {
        host,
        port,
        path,
        method: "GET",
        headers: { Host: hostHeader, "User-Agent": "stackyard-readiness-probe", Accept: "application/json" },
        // The TLS hop judges the certificate; these requests still want to know what is behind it.
        rejectUnauthorized: false,
        servername: target.domain ?? undefined,
        timeout: timeoutMs,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (body.length < MAX_BODY) body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", (error) => resolve({ connectError: connectErrorText(error, host, port) }));
      },
    );
    req.on("timeout", () => {
      req.destroy();
      resolve({ connectError: `no answer from ${host}:${port} within ${timeoutMs} ms` });
    });
    req.on("error", (error) => resolve({ connectError: connectErrorText(error, host, port) }));
    req.end();
  });
}

function defaultPort(target: ProbeTarget): number {
  return target.scheme === "https" ? 443 : 80;
}
