"use client";
// The environments list at /: filter by name and status; an empty state that explains Stackyard.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useState } from "react";
import { LIST_LIMIT } from "@/server/environments/inputs";
import { useTRPC } from "@/trpc/client";
import { useMe } from "../_auth/use-me";
import { EmptyState } from "./empty-state";
import { EnvironmentsTable } from "./environments-table";
import { type ListFilter, ListFilters } from "./list-filters";
import { statusesFor } from "./status-filter";

export function EnvironmentsList() {
  const trpc = useTRPC();
  const { canLaunch } = useMe();
  const [filter, setFilter] = useState<ListFilter>({ name: "", status: "" });
  const query = useDeferredValue(filter);
  const filtered = query.name.trim() !== "" || query.status !== "";
  const list = useQuery(
    trpc.environments.list.queryOptions(
      { name: query.name.trim() || undefined, statuses: statusesFor(query.status) },
      { placeholderData: keepPreviousData, refetchInterval: 10_000 },
    ),
  );
  // Deleted environments are hidden by default; with nothing else to show, say they exist rather than
  // greet the user as if the portal were new.
  const nothingActive = list.data?.length === 0 && !filtered;
  const deleted = useQuery(
    trpc.environments.list.queryOptions({ statuses: ["deleted"] }, { enabled: nothingActive }),
  );
  if (nothingActive && deleted.data?.length === 0) return <EmptyState />;
  return (
    <section aria-label="Environment list" className="space-y-4" aria-busy={list.isPending}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <ListFilters filter={filter} onChange={setFilter} />
        {canLaunch && (
          <Link
            href="/environments/new"
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:ring-offset-2"
          >
            New environment
          </Link>
        )}
      </div>
      {list.isError && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {list.error.message}
        </p>
      )}
      {list.isPending && (
        <p role="status" className="text-slate-600 dark:text-slate-400">
          Loading environments…
        </p>
      )}
      {list.data && list.data.length >= LIST_LIMIT && (
        <p role="status" data-testid="list-limit" className="text-sm text-slate-600 dark:text-slate-400">
          Showing the {LIST_LIMIT} most recently updated environments. Filter by name or status to find the
          others.
        </p>
      )}
      {nothingActive && deleted.data && deleted.data.length > 0 && (
        <p className="text-slate-600 dark:text-slate-400">
          No environment is live or in progress.{" "}
          <button
            type="button"
            className="text-indigo-700 underline hover:text-indigo-900 dark:text-indigo-300"
            onClick={() => setFilter({ ...filter, status: "deleted" })}
          >
            Show the {deleted.data.length} deleted
          </button>
        </p>
      )}
      {list.data && list.data.length === 0 && filtered && (
        <p className="text-slate-600 dark:text-slate-400">
          No environment matches this filter.
          {query.status === "" && " Deleted environments are hidden: choose “Any status” to include them."}
        </p>
      )}
      {list.data && list.data.length > 0 && <EnvironmentsTable rows={list.data} />}
    </section>
  );
}
