"use client";
import { STATUSES } from "@/server/environments/statuses";
import type { StatusFilter } from "./status-filter";

export interface ListFilter {
  name: string;
  status: StatusFilter;
}

const control =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

export function ListFilters({
  filter,
  onChange,
}: {
  filter: ListFilter;
  onChange: (next: ListFilter) => void;
}) {
  return (
    <search className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="filter-name" className="block text-xs font-medium text-slate-600 dark:text-slate-400">
          Name contains
        </label>
        <input
          id="filter-name"
          type="search"
          className={control}
          value={filter.name}
          onChange={(event) => onChange({ ...filter, name: event.target.value })}
        />
      </div>
      <div>
        <label
          htmlFor="filter-status"
          className="block text-xs font-medium text-slate-600 dark:text-slate-400"
        >
          Status
        </label>
        <select
          id="filter-status"
          className={control}
          value={filter.status}
          onChange={(event) => onChange({ ...filter, status: event.target.value as ListFilter["status"] })}
        >
          <option value="">All but deleted</option>
          <option value="any">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
