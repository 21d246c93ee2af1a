// nginx, app and database hops, judged from HTTP answers (pure). nginx marks every response it sends
// with X-Stackyard-Proxy (packages/templates renders it), so an answer without it came from something
// else, and a 502/504 with it means nginx is up but what is behind it is not.
import "server-only";
import { PROXY_MARKER_HEADER } from "@stackyard/templates";
import { z } from "zod";
import { fail, type HopVerdict, pass } from "./hops";
import type { HttpObservation } from "./http";
import type { ProbeTarget } from "./target";

/** Lower-cased, as node reports headers. */
const PROXY_MARKER = PROXY_MARKER_HEADER.toLowerCase();
/** Headers the rendered config adds on HTTPS (Strict-Transport-Security in its HTTPS server). */
const HTTPS_SECURITY_HEADERS = ["strict-transport-security"];

export function evaluateNginx(target: ProbeTarget, seen: HttpObservation): HopVerdict {
  const where = `${target.connectHost}:${target.port}`;
  if ("connectError" in seen)
    return fail(`nothing answered at ${where}`, seen.connectError, nginxDownAction(target));
  const server = seen.headers.server ? `, Server: ${seen.headers.server}` : "";
  if (!seen.headers[PROXY_MARKER]) {
    return fail(
      `HTTP ${seen.status} without the X-Stackyard-Proxy header${server}`,
      `something other than this environment's nginx answered at ${where}`,
      target.target === "local"
        ? `Another process answers on nginx's port ${target.port}: stop it, then update the environment.`
        : `${where} is not served by the stack's nginx: check the Elastic IP is attached to the nginx instance.`,
    );
  }
  const expected = target.scheme === "https" ? HTTPS_SECURITY_HEADERS : [];
  const missing = expected.filter((name) => !seen.headers[name]);
  if (missing.length > 0) {
    return fail(
      `HTTP ${seen.status} from nginx without ${missing.join(", ")}`,
      `nginx does not send ${missing.join(", ")}`,
      "nginx runs a configuration Stackyard did not render: update the environment to put it back.",
    );
  }
  const sent = ["X-Stackyard-Proxy", ...expected.map(headerName)].join(", ");
  // The probe asks for a path nginx answers itself with a 404 (probe.ts): say so, a bare 404 reads as a fault.
  return pass(
    seen.status === 404
      ? `nginx at ${where} answered with ${sent} (404 for the probe's own path, as expected)`
      : `nginx at ${where} answered HTTP ${seen.status} with ${sent}`,
  );
}

function nginxDownAction(target: ProbeTarget): string {
  return target.target === "local"
    ? "This environment's nginx is not running: its log is logs/nginx.log in the sandbox folder (the SandboxFolder output)."
    : `Check the nginx instance is running (aws ssm start-session, then systemctl status nginx) and that its security group allows port ${target.port}.`;
}

const readyzBody = z.object({
  status: z.string(),
  database: z
    .object({ ok: z.boolean(), roundTripMs: z.number().optional(), error: z.string().optional() })
    .optional(),
});
export type ReadyzBody = z.infer<typeof readyzBody>;

export function parseReadyz(body: string): ReadyzBody | null {
  try {
    const parsed = readyzBody.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function evaluateApp(target: ProbeTarget, seen: HttpObservation): HopVerdict {
  if ("connectError" in seen) return fail("no answer to /readyz", seen.connectError, appDownAction(target));
  const readyz = parseReadyz(seen.body);
  if ((seen.status === 502 || seen.status === 504) && seen.headers[PROXY_MARKER]) {
    const meaning = seen.status === 502 ? "Bad Gateway" : "Gateway Timeout";
    return fail(
      `nginx answered ${seen.status} ${meaning} for /readyz`,
      `nginx is up but cannot reach the app (${seen.status} ${meaning})`,
      appDownAction(target),
    );
  }
  if (readyz?.status === "draining") {
    return fail(
      "notes-api answered 503 draining",
      "the app is shutting down (draining)",
      "Tasks drain while they are replaced: run the probe again in a minute; if it persists, check the ECS service's events.",
    );
  }
  if (readyz?.database && (seen.status === 200 || seen.status === 503)) {
    return pass(`notes-api answered ${seen.status} to /readyz (${readyz.status})`);
  }
  return fail(
    `/readyz answered HTTP ${seen.status}`,
    `/readyz did not answer like notes-api (HTTP ${seen.status}${seen.body ? `: ${seen.body.slice(0, 120)}` : ""})`,
    "Check that the service runs the notes-api image (the ECR repository's latest push) and that nginx proxies to it.",
  );
}

function appDownAction(target: ProbeTarget): string {
  return target.target === "local"
    ? "This environment's notes-api processes do not answer: their logs are under logs/ in the sandbox folder (the SandboxFolder output)."
    : "Check the ECS service has running tasks and the load balancer's target group reports them healthy (ECS console → the ServiceName output).";
}

export function evaluateDatabase(target: ProbeTarget, readyz: ReadyzBody): HopVerdict {
  const database = readyz.database;
  if (database?.ok) {
    const roundTrip = database.roundTripMs ?? null;
    return pass(`notes-api reached its database${roundTrip === null ? "" : ` in ${roundTrip} ms`}`, {
      latencyMs: roundTrip,
    });
  }
  const endpoint = target.databaseEndpoint ?? "its database";
  return fail(
    `notes-api cannot reach ${endpoint}`,
    `database unavailable: ${database?.error ?? "no reason given"}`,
    target.target === "local"
      ? `The MariaDB at ${endpoint} does not answer this environment's notes-api: start it (npm run services:up) and run the probe again.`
      : `Check the RDS instance at ${endpoint} is available and that the database security group admits the app's on 3306.`,
  );
}

const headerName = (lower: string) =>
  lower.replace(/(^|-)([a-z])/g, (_, dash, c: string) => dash + c.toUpperCase());
