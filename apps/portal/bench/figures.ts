// Turns the raw measurements into the lines the benchmark prints and writes down, each with its target
// verdict where the issue sets one. Misses are printed as MISSED, never rounded away.

import type { DesignName, PhaseResult } from "./latency";
import type { LaunchRun } from "./launch";
import { median, perInterval, summarize } from "./stats";

export interface Figure {
  name: string;
  value: string;
}

const DESIGN_LABEL: Record<DesignName, string> = {
  engine: "portal (tracker + SSE)",
  "poll-list": "peer: each browser polls events.list",
  "poll-aws": "peer: each browser polls, portal asks CloudFormation",
};
/** A poll can straddle the edges of the measured window: allow one call's worth over ~25 intervals. */
const CALLS_TOLERANCE = 1.05;
const LATENCY_SLACK_MS = 250;
const LAUNCH_TARGET_MS = 20_000;

const ms = (value: number) => `${Math.round(value)} ms`;
const verdict = (met: boolean) => (met ? "met" : "**MISSED**");

function merge(phases: PhaseResult[], design: DesignName) {
  const mine = phases.filter((p) => p.design === design);
  return {
    latencies: mine.flatMap((p) => p.latenciesMs),
    missed: mine.reduce((n, p) => n + p.missed, 0),
    windowMs: mine.reduce((n, p) => n + p.windowMs, 0),
    calls: mine.reduce((n, p) => n + p.describeEventsCalls, 0),
    requests: mine.reduce((n, p) => n + p.httpRequests, 0),
    untilRead: mine.flatMap((p) => p.untilReadMs),
    readToFirst: mine.flatMap((p) => p.readToFirstMs),
    readToLast: mine.flatMap((p) => p.readToLastMs),
  };
}

export function latencyFigures(phases: PhaseResult[], intervalMs: number, events: number): Figure[] {
  const figures: Figure[] = [];
  const limit = intervalMs + LATENCY_SLACK_MS;
  for (const design of ["engine", "poll-list", "poll-aws"] as const) {
    const merged = merge(phases, design);
    const s = summarize(merged.latencies);
    const target =
      design === "engine"
        ? `; target max <= ${ms(limit)}: ${verdict(s.max <= limit && merged.missed === 0)}`
        : "";
    figures.push({
      name: `event-to-browser latency, ${DESIGN_LABEL[design]}`,
      value: `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (n=${s.n}: ${events} events x subscribers, ${merged.missed} never received${target})`,
    });
  }
  for (const design of ["engine", "poll-list", "poll-aws"] as const) {
    const merged = merge(phases, design);
    const part = (xs: number[]) => (xs.length ? `p50 ${ms(median(xs))}, max ${ms(Math.max(...xs))}` : "none");
    figures.push({
      name: `where the time goes, ${DESIGN_LABEL[design]}`,
      value: `visible -> first DescribeStackEvents read ${part(merged.untilRead)}; read -> first browser ${part(merged.readToFirst)}; read -> last browser ${part(merged.readToLast)} (per event)`,
    });
  }
  for (const design of ["engine", "poll-list", "poll-aws"] as const) {
    const merged = merge(phases, design);
    const calls = perInterval(merged.calls, merged.windowMs, intervalMs);
    const requests = perInterval(merged.requests, merged.windowMs, intervalMs);
    const http =
      design === "engine"
        ? "one open SSE stream per browser, no polling requests"
        : `portal HTTP requests per interval ${requests.toFixed(1)}`;
    const target = design === "engine" ? `; target 1: ${verdict(calls <= CALLS_TOLERANCE)}` : "";
    figures.push({
      name: `DescribeStackEvents calls per interval, ${DESIGN_LABEL[design]}`,
      value: `${calls.toFixed(2)} (${merged.calls} calls in ${(merged.windowMs / 1000).toFixed(1)} s; ${http}${target})`,
    });
  }
  return figures;
}

export function launchFigures(runs: LaunchRun[]): Figure[] {
  const first = runs.map((r) => r.firstEventMs);
  const complete = runs.map((r) => r.completeMs);
  const removal = runs.map((r) => r.deleteMs);
  const s = (xs: number[]) => `median ${ms(median(xs))}, max ${ms(Math.max(...xs))}`;
  return [
    { name: "launch to first event in the browser", value: `${s(first)} (n=${runs.length})` },
    {
      name: "launch to CREATE_COMPLETE in the browser",
      value: `${s(complete)} (n=${runs.length}; target <= ${ms(LAUNCH_TARGET_MS)}: ${verdict(Math.max(...complete) <= LAUNCH_TARGET_MS)})`,
    },
    { name: "delete to DELETE_COMPLETE (operation recorded)", value: `${s(removal)} (n=${runs.length})` },
    { name: "events per launch", value: runs.map((r) => r.events).join(", ") },
  ];
}
