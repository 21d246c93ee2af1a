// Walks an environment's request path hop by hop (DNS, TLS, nginx, app, database), each with its own
// timeout inside one overall deadline, and skips a hop only when an earlier failure means it cannot run.
// It only reads: a probe never changes the stack or the environment.
import "server-only";
import { performance } from "node:perf_hooks";
import { type DnsResolver, dnsSkipReason, evaluateDns, resolveName, systemResolver } from "./dns";
import { HOP_LABELS, type HopName, type HopResult, type HopVerdict, skipped } from "./hops";
import { type HttpObservation, probeRequest } from "./http";
import { evaluateApp, evaluateDatabase, evaluateNginx, parseReadyz } from "./http-hops";
import type { ProbeTarget } from "./target";
import { evaluateTls, readCertificate, tlsSkipReason } from "./tls";

export interface ProbeOptions {
  /** Injected in tests; the system's resolver otherwise. */
  resolver?: DnsResolver;
  hopTimeoutMs?: number;
  /** Hops not started within this many ms of the start are skipped. */
  deadlineMs?: number;
  now?: () => Date;
}

/** nginx answers this path itself over plain HTTP (the ACME webroot), so its latency is nginx's alone. */
export const NGINX_PROBE_PATH = "/.well-known/acme-challenge/stackyard-readiness-probe";
const DEFAULT_HOP_TIMEOUT_MS = 5_000;
const DEFAULT_DEADLINE_MS = 20_000;

export async function runProbe(target: ProbeTarget, options: ProbeOptions = {}): Promise<HopResult[]> {
  const timeoutMs = options.hopTimeoutMs ?? DEFAULT_HOP_TIMEOUT_MS;
  const deadline = performance.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const now = options.now ?? (() => new Date());
  const hops: HopResult[] = [];
  const run = async (hop: HopName, check: () => Promise<HopVerdict> | HopVerdict) => {
    if (performance.now() > deadline) {
      return record(
        hops,
        hop,
        skipped(
          `not checked: the probe's ${(options.deadlineMs ?? DEFAULT_DEADLINE_MS) / 1000} s deadline passed`,
        ),
        null,
      );
    }
    const started = performance.now();
    const verdict = await check();
    const latency = verdict.outcome === "skipped" ? null : Math.round(performance.now() - started);
    return record(hops, hop, verdict, latency);
  };

  await run("dns", () => checkDns(target, options.resolver ?? systemResolver(timeoutMs)));
  let handshakeFailed = false;
  await run("tls", async () => {
    const reason = tlsSkipReason(target);
    if (reason) return skipped(reason);
    const seen = await readCertificate(
      target.connectHost,
      target.port,
      target.domain ?? target.connectHost,
      timeoutMs,
    );
    handshakeFailed = "connectError" in seen;
    return evaluateTls(target, seen, now());
  });
  const nginx = await run("nginx", async () => {
    if (target.edge === "alb")
      return skipped("TLS mode acm: the load balancer is the edge, there is no nginx");
    if (handshakeFailed) return skippedBecause("tls");
    return evaluateNginx(target, await probeRequest(target, NGINX_PROBE_PATH, timeoutMs));
  });
  let readyz: HttpObservation | null = null;
  const app = await run("app", async () => {
    if (handshakeFailed) return skippedBecause("tls");
    if (nginx.outcome === "fail") return skippedBecause("nginx");
    readyz = await probeRequest(target, "/readyz", timeoutMs);
    return evaluateApp(target, readyz);
  });
  await run("database", () => {
    const body = readyz && "body" in readyz ? parseReadyz(readyz.body) : null;
    if (app.outcome !== "pass" || !body) return skippedBecause("app");
    return evaluateDatabase(target, body);
  });
  return hops;
}

async function checkDns(target: ProbeTarget, resolver: DnsResolver): Promise<HopVerdict> {
  const reason = dnsSkipReason(target);
  if (reason || !target.domain) return skipped(reason ?? "no domain");
  const [domain, edge] = await Promise.all([
    resolveName(resolver, target.domain),
    target.edge === "alb" && target.expectedAddress
      ? resolveName(resolver, target.expectedAddress)
      : undefined,
  ]);
  return evaluateDns(target, domain, edge);
}

function skippedBecause(earlier: HopName): HopVerdict {
  return skipped(`skipped because the ${HOP_LABELS[earlier]} hop failed`);
}

function record(hops: HopResult[], hop: HopName, verdict: HopVerdict, measured: number | null): HopResult {
  const { latencyMs, ...rest } = verdict;
  const result: HopResult = { hop, ...rest, latencyMs: latencyMs !== undefined ? latencyMs : measured };
  hops.push(result);
  return result;
}
