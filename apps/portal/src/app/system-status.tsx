"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";

/** Shows that the browser reaches the portal database through tRPC; the first thing to check when in doubt. */
export function SystemStatusCard() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions());
  return (
    <section
      aria-labelledby="system-status-heading"
      aria-busy={status.isPending}
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="system-status-heading" className="font-medium">
        Portal status
      </h2>
      {status.isPending && <p className="mt-2 text-slate-500">Checking the portal database…</p>}
      {status.isError && (
        <p role="alert" className="mt-2 text-red-700 dark:text-red-400">
          {status.error.message}
        </p>
      )}
      {status.data && "database" in status.data && (
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">Database</dt>
          <dd data-testid="db-status">Connected (MariaDB {status.data.database.version})</dd>
          <dt className="text-slate-500">Migrations</dt>
          <dd data-testid="db-migrations">
            {status.data.database.migrationsApplied} applied, latest{" "}
            {status.data.database.latestMigration ?? "none"}
          </dd>
          <dt className="text-slate-500">Environments</dt>
          <dd data-testid="environment-count">{status.data.environments}</dd>
        </dl>
      )}
    </section>
  );
}
