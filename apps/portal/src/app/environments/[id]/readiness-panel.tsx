"use client";
// Readiness: is the environment usable, hop by hop along the request path (DNS, TLS, nginx, the app,
// the database)? A probe runs by itself after a create or update succeeds; deployers can run it again.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { useMe } from "../../_auth/use-me";
import { overallText, ReadinessHistory } from "./readiness-history";
import { ReadinessHops } from "./readiness-hops";

/** How long after an operation finishes the panel keeps looking for the probe it starts. */
const AUTO_PROBE_WAIT_MS = 60_000;

interface Props {
  environmentId: string;
  status: string;
  /** When the latest operation finished: a probe follows a succeeded create or update. */
  lastOperationFinishedAt: Date | null;
}

export function ReadinessPanel({ environmentId, status, lastOperationFinishedAt }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canLaunch } = useMe();
  const [selectedId, setSelectedId] = useState<string>();
  const finishedAt = lastOperationFinishedAt ? new Date(lastOperationFinishedAt).getTime() : 0;
  const probes = useQuery(
    trpc.readiness.list.queryOptions(
      { environmentId },
      {
        enabled: status === "live",
        refetchInterval: (query) => {
          const latest = query.state.data?.[0];
          if (latest?.status === "running") return 1_000;
          const awaitingAutoProbe =
            (!latest || new Date(latest.startedAt).getTime() < finishedAt) &&
            Date.now() - finishedAt < AUTO_PROBE_WAIT_MS;
          return awaitingAutoProbe ? 2_000 : false;
        },
      },
    ),
  );
  const run = useMutation(
    trpc.readiness.run.mutationOptions({
      onSuccess: (probe) => setSelectedId(probe.id),
      onSettled: () => queryClient.invalidateQueries(trpc.readiness.list.queryFilter({ environmentId })),
    }),
  );
  if (status !== "live") return null;
  const list = probes.data ?? [];
  const shown = list.find((p) => p.id === selectedId) ?? list[0];
  const running = run.isPending || list[0]?.status === "running";
  return (
    <section aria-labelledby="readiness-heading" className="space-y-3" data-testid="readiness-panel">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="readiness-heading" className="font-medium">
          Readiness
        </h2>
        {shown && (
          <span data-testid="readiness-overall" className="text-sm font-semibold">
            {overallText(shown)}
          </span>
        )}
        {shown?.finishedAt && (
          <span className="text-xs text-slate-600 dark:text-slate-400">
            checked {new Date(shown.finishedAt).toLocaleString()}
            {shown.trigger === "operation" ? " after the operation" : ""}
          </span>
        )}
        {canLaunch && (
          <button
            type="button"
            onClick={() => run.mutate({ environmentId })}
            disabled={running}
            className="ml-auto rounded border border-slate-300 px-3 py-1 text-sm font-medium disabled:opacity-50 dark:border-slate-700"
          >
            {running ? "Checking…" : "Run again"}
          </button>
        )}
      </div>
      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-300">
        {running ? "Checking DNS, TLS, nginx, the app and its database…" : ""}
      </p>
      {run.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {run.error.message}
        </p>
      )}
      {probes.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not load the readiness probes: {probes.error.message}
        </p>
      )}
      {probes.isSuccess && list.length === 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Not checked yet
          {Date.now() - finishedAt < AUTO_PROBE_WAIT_MS
            ? ": a probe starts once the operation has finished"
            : ""}
          .
        </p>
      )}
      {shown && shown.status !== "running" && <ReadinessHops hops={shown.hops} />}
      <ReadinessHistory probes={list} selectedId={shown?.id} onSelect={setSelectedId} />
    </section>
  );
}
