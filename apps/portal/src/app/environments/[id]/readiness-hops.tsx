// One probe's hops as a vertical chain, in request order. Each hop says its outcome in words beside the
// icon (never colour alone), its latency, what was seen, the exact error and what to do about it.
import { HOP_LABELS, type HopOutcome, type HopResult } from "@/server/readiness/hops";

const OUTCOME: Record<HopOutcome, { icon: string; text: string; tone: string }> = {
  pass: { icon: "✓", text: "Passed", tone: "border-emerald-600 text-emerald-800 dark:text-emerald-300" },
  fail: { icon: "✗", text: "Failed", tone: "border-red-600 text-red-800 dark:text-red-300" },
  skipped: { icon: "–", text: "Skipped", tone: "border-slate-400 text-slate-600 dark:text-slate-400" },
};

export function ReadinessHops({ hops }: { hops: HopResult[] }) {
  if (hops.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No hop results: the portal stopped while this probe ran. Run it again.
      </p>
    );
  }
  return (
    <ol className="space-y-0" aria-label="Request path, from the browser to the database">
      {hops.map((hop, index) => (
        <HopRow key={hop.hop} hop={hop} last={index === hops.length - 1} />
      ))}
    </ol>
  );
}

function HopRow({ hop, last }: { hop: HopResult; last: boolean }) {
  const look = OUTCOME[hop.outcome];
  return (
    <li
      data-testid={`readiness-hop-${hop.hop}`}
      data-outcome={hop.outcome}
      className={`relative border-l-4 pb-3 pl-4 ${look.tone} ${last ? "" : "mb-0"}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-3">
        <span className="font-medium text-slate-900 dark:text-slate-100">{HOP_LABELS[hop.hop]}</span>
        <span className="text-sm font-semibold">
          <span aria-hidden="true">{look.icon} </span>
          {look.text}
        </span>
        {hop.latencyMs !== null && (
          <span className="text-xs text-slate-600 dark:text-slate-400 tabular-nums">{hop.latencyMs} ms</span>
        )}
      </div>
      <p className="text-sm break-words text-slate-700 dark:text-slate-300">{hop.detail}</p>
      {hop.error && (
        <p className="mt-1 font-mono text-sm break-words text-red-800 dark:text-red-300">{hop.error}</p>
      )}
      {hop.action && (
        <p className="mt-1 text-sm text-slate-900 dark:text-slate-100">
          <span className="font-medium">What to do: </span>
          {hop.action}
        </p>
      )}
    </li>
  );
}
