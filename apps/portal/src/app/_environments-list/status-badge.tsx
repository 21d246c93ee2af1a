import type { EnvironmentStatus } from "@/server/environments/statuses";

const TONE: Record<EnvironmentStatus, string> = {
  draft: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  pending: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  creating: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  updating: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  live: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  deleting: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  deleted: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300",
};

export function StatusBadge({ status }: { status: EnvironmentStatus }) {
  return (
    <span
      data-testid="status-badge"
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${TONE[status]}`}
    >
      {status}
    </span>
  );
}
