// The latest readiness probe of a live environment, in words: ready, not ready (and which hop), or
// not checked. The icon is decoration; the text carries the meaning.
import type { EnvironmentRow } from "@/server/environments/list";
import { HOP_LABELS, type HopName } from "@/server/readiness/hops";

const isHop = (hop: string | null): hop is HopName => hop !== null && hop in HOP_LABELS;

function readinessText(readiness: EnvironmentRow["readiness"]): {
  icon: string;
  text: string;
  tone: string;
} {
  if (!readiness) return { icon: "?", text: "not checked", tone: "text-slate-600 dark:text-slate-400" };
  if (readiness.status === "running")
    return { icon: "…", text: "checking", tone: "text-slate-600 dark:text-slate-400" };
  if (readiness.status === "pass")
    return { icon: "✓", text: "ready", tone: "text-emerald-800 dark:text-emerald-300" };
  const hop = isHop(readiness.failingHop) ? `: ${HOP_LABELS[readiness.failingHop]} failed` : "";
  return { icon: "✗", text: `not ready${hop}`, tone: "text-red-800 dark:text-red-300" };
}

export function ReadinessBadge({ readiness }: { readiness: EnvironmentRow["readiness"] }) {
  const { icon, text, tone } = readinessText(readiness);
  return (
    <span data-testid="readiness-badge" className={`mt-1 block text-xs font-medium ${tone}`}>
      <span aria-hidden="true">{icon} </span>
      {text}
    </span>
  );
}
