// The readiness probe's vocabulary: the hops of an environment's request path, in the order a request
// crosses them, and what one hop's check reports. Shared by the server and the dashboard (no I/O here).

export const HOP_ORDER = ["dns", "tls", "nginx", "app", "database"] as const;
export type HopName = (typeof HOP_ORDER)[number];

export const HOP_LABELS: Record<HopName, string> = {
  dns: "DNS",
  tls: "TLS certificate",
  nginx: "nginx",
  app: "App through the load balancer",
  database: "Database",
};

export type HopOutcome = "pass" | "fail" | "skipped";

export interface HopResult {
  hop: HopName;
  outcome: HopOutcome;
  /** Wall time of the hop's own check; for the database, the round trip notes-api measured. */
  latencyMs: number | null;
  /** What was observed, e.g. "notes.example.com → 203.0.113.9" or why the hop was skipped. */
  detail: string;
  /** The exact error, when the hop failed. */
  error?: string;
  /** What the user can do about a failure, in words they can act on. */
  action?: string;
}

/** What an evaluator decides; the runner adds the hop name and its latency. */
export type HopVerdict = Omit<HopResult, "hop" | "latencyMs"> & { latencyMs?: number | null };

export const pass = (detail: string, extra: Partial<HopVerdict> = {}): HopVerdict => ({
  outcome: "pass",
  detail,
  ...extra,
});

export const fail = (detail: string, error: string, action: string): HopVerdict => ({
  outcome: "fail",
  detail,
  error,
  action,
});

export const skipped = (detail: string): HopVerdict => ({ outcome: "skipped", detail });

export interface ProbeSummary {
  status: "pass" | "fail";
  /** The first hop that failed, in request order. */
  failingHop: HopName | null;
}

export function summarise(hops: HopResult[]): ProbeSummary {
  const failed = hops.find((h) => h.outcome === "fail");
  // No hop checked at all (the probe itself broke) is not "ready".
  const status = failed || !hops.some((h) => h.outcome === "pass") ? "fail" : "pass";
  return { status, failingHop: failed?.hop ?? null };
}
