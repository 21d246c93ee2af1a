"use client";
// Health: per tier, what runs now and why a tier is not healthy (ECS, ELBv2, EC2 and RDS on AWS; the
// processes locally). Read when the dashboard opens, every 30 s while the tab is visible (TanStack Query
// pauses refetchInterval in a background tab), and on "Refresh".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { HealthView } from "@/server/environments/health";
import { useTRPC } from "@/trpc/client";
import { STATE_ICON, STATE_TEXT, STATE_TONE, type TierLine, tierLines } from "./health-model";

const HEALTH_REFRESH_MS = 30_000;

interface Props {
  id: string;
  status: string;
  target: "aws" | "local";
}

/** The environment's health query, shared by the panel and the list's badge (same key, one read). */
export function useHealth(id: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery(
    trpc.environments.health.queryOptions({ id }, { enabled, refetchInterval: HEALTH_REFRESH_MS }),
  );
}

export function HealthPanel({ id, status, target }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readable = status === "live" || status === "updating";
  const health = useHealth(id, readable);
  const refresh = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.environments.health.queryOptions({ id, refresh: true })),
    onSuccess: (view: HealthView) =>
      queryClient.setQueryData(trpc.environments.health.queryKey({ id }), view),
  });
  if (!readable) return null;
  const view = health.data;
  const error = refresh.error ?? health.error;
  return (
    <section aria-labelledby="health-heading" className="space-y-2" data-testid="health-panel">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="health-heading" className="font-medium">
          Health
        </h2>
        <span data-testid="health-overall" className="text-sm" aria-live="polite">
          {health.isLoading ? (
            <span className="text-slate-600 dark:text-slate-400">Reading health…</span>
          ) : view?.health ? (
            <span className={STATE_TONE[view.health.state]}>
              <span aria-hidden="true">{STATE_ICON[view.health.state]} </span>
              {STATE_TEXT[view.health.state]}
              <span className="text-slate-600 dark:text-slate-400">
                {" "}
                (read {new Date(view.health.checkedAt).toLocaleTimeString()})
              </span>
            </span>
          ) : view ? (
            <span className="text-slate-600 dark:text-slate-400">{view.unavailable}</span>
          ) : null}
        </span>
        <button
          type="button"
          onClick={() => refresh.mutate()}
          disabled={refresh.isPending}
          className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm font-medium disabled:opacity-50 dark:border-slate-700"
        >
          {refresh.isPending ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          Health could not be read: {error.message}
        </p>
      )}
      {view?.health && (
        <ul className="space-y-2" data-testid="health-tiers">
          {tierLines(view.health, target).map((line) => (
            <TierItem key={line.key} line={line} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TierItem({ line }: { line: TierLine }) {
  return (
    <li
      data-testid={`health-tier-${line.key}`}
      className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800"
    >
      <div className="flex flex-wrap gap-2">
        <span className="font-medium">{line.title}</span>
        <span className={`font-medium ${STATE_TONE[line.state]}`}>
          <span aria-hidden="true">{STATE_ICON[line.state]} </span>
          {STATE_TEXT[line.state]}
        </span>
        <span className="text-slate-700 dark:text-slate-300">{line.summary}</span>
      </div>
      {line.reasons.length > 0 && (
        <ul className="mt-1 list-disc pl-5 text-slate-700 dark:text-slate-300">
          {line.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {line.details.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
            {line.key === "service" ? "Stopped tasks and service events" : "Details"}
          </summary>
          <ul className="mt-1 space-y-0.5 pl-2 font-mono text-xs">
            {line.details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
