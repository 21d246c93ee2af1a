"use client";
// A live environment's health beside its readiness in the list: the same query (and cache entry) as the
// dashboard's panel, read every 30 s while the tab is visible. Words carry the meaning; the icon repeats it.
import { badgeText, STATE_ICON, STATE_TONE } from "../environments/[id]/health-model";
import { useHealth } from "../environments/[id]/health-panel";

export function HealthBadge({ id, target }: { id: string; target: "aws" | "local" }) {
  const health = useHealth(id, true);
  const view = health.data;
  if (health.isLoading) {
    return <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">health…</span>;
  }
  if (health.error || !view?.health) {
    const why = health.error ? "health not read" : (view?.unavailable ?? "health not read");
    return (
      <span data-testid="health-badge" className="mt-1 block text-xs text-slate-600 dark:text-slate-400">
        <span aria-hidden="true">? </span>
        {why}
      </span>
    );
  }
  const state = view.health.state;
  return (
    <span data-testid="health-badge" className={`mt-1 block text-xs font-medium ${STATE_TONE[state]}`}>
      <span aria-hidden="true">{STATE_ICON[state]} </span>
      {badgeText(view.health, target)}
    </span>
  );
}
