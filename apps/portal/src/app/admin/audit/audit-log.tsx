"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useId, useState } from "react";
import { AUDIT_ACTIONS } from "@/server/audit/actions";
import { useTRPC } from "@/trpc/client";

type Outcome = "" | "success" | "failure" | "refused";
interface Filter {
  action: "" | (typeof AUDIT_ACTIONS)[number];
  outcome: Outcome;
  actor: string;
}

function summary(detail: unknown): string {
  if (!detail || typeof detail !== "object") return "";
  const { changes, ...rest } = detail as { changes?: unknown[] };
  const parts = Object.entries(rest).map(
    ([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
  if (Array.isArray(changes)) parts.push(`${changes.length} spec field${changes.length === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

export function AuditLog() {
  const trpc = useTRPC();
  const ids = { action: useId(), outcome: useId(), actor: useId() };
  const [filter, setFilter] = useState<Filter>({ action: "", outcome: "", actor: "" });
  const query = useDeferredValue(filter);
  const log = useQuery(
    trpc.audit.list.queryOptions(
      {
        action: query.action || undefined,
        outcome: query.outcome || undefined,
        actor: query.actor.trim() || undefined,
        limit: 100,
      },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <section aria-label="Audit entries" className="space-y-4" aria-busy={log.isPending}>
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label htmlFor={ids.action} className="space-y-1">
          <span className="block font-medium">Action</span>
          <select
            id={ids.action}
            value={filter.action}
            onChange={(e) => setFilter({ ...filter, action: e.target.value as Filter["action"] })}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">any</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={ids.outcome} className="space-y-1">
          <span className="block font-medium">Outcome</span>
          <select
            id={ids.outcome}
            value={filter.outcome}
            onChange={(e) => setFilter({ ...filter, outcome: e.target.value as Outcome })}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">any</option>
            <option value="success">success</option>
            <option value="failure">failure</option>
            <option value="refused">refused</option>
          </select>
        </label>
        <label htmlFor={ids.actor} className="space-y-1">
          <span className="block font-medium">Who (e-mail contains)</span>
          <input
            id={ids.actor}
            value={filter.actor}
            onChange={(e) => setFilter({ ...filter, actor: e.target.value })}
            className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
      </div>
      {log.isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {log.error.message}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th className="py-2">When</th>
            <th>Who</th>
            <th>From</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {log.data?.entries.map((entry) => (
            <tr
              key={entry.id}
              className="border-b border-slate-100 align-top dark:border-slate-900"
              data-testid="audit-row"
            >
              <td className="py-1 whitespace-nowrap">{entry.at.toLocaleString()}</td>
              <td className="font-mono">{entry.actorEmail ?? "—"}</td>
              <td className="font-mono">{entry.address ?? "—"}</td>
              <td>{entry.action}</td>
              <td className="font-mono text-xs">{entry.targetId ?? "—"}</td>
              <td>{entry.outcome}</td>
              <td className="text-xs">{summary(entry.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.data && log.data.entries.length === 0 && (
        <p className="text-slate-600 dark:text-slate-400">No entry matches this filter.</p>
      )}
    </section>
  );
}
