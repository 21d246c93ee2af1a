"use client";
// Newest first, filterable by status and resource, and windowed: only the rows in view are in the DOM,
// so thousands of events scroll smoothly.
import { isFailedStatus, isInProgressStatus } from "@stackyard/deploy/status";
import { useMemo, useState } from "react";
import type { EventView } from "@/server/routers/events";
import { filterEvents } from "./event-filter";

const ROW_HEIGHT = 44;
const VIEW_HEIGHT = 440;

const statusColor = (status: string) =>
  isFailedStatus(status)
    ? "text-red-700 dark:text-red-400"
    : isInProgressStatus(status)
      ? "text-amber-700 dark:text-amber-300"
      : "text-emerald-700 dark:text-emerald-400";

interface EventListProps {
  events: EventView[];
  /** A controlled resource filter (the architecture diagram sets it); uncontrolled when omitted. */
  resourceFilter?: string;
  onResourceFilterChange?: (value: string) => void;
}

export function EventList({ events, resourceFilter, onResourceFilterChange }: EventListProps) {
  const [status, setStatus] = useState("");
  const [ownResource, setOwnResource] = useState("");
  const resource = resourceFilter ?? ownResource;
  const setResource = onResourceFilterChange ?? setOwnResource;
  const [scrollTop, setScrollTop] = useState(0);
  const statuses = useMemo(() => [...new Set(events.map((e) => e.resourceStatus))].sort(), [events]);
  const shown = useMemo(
    () => filterEvents(events, { status, resource }).reverse(),
    [events, status, resource],
  );
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - 5);
  const visible = shown.slice(first, first + Math.ceil(VIEW_HEIGHT / ROW_HEIGHT) + 10);

  return (
    <section aria-labelledby="events-heading" className="space-y-2">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="events-heading" className="mr-auto font-medium">
          Events <span className="text-sm font-normal text-slate-500">({shown.length})</span>
        </h2>
        <label className="text-sm">
          <span className="block text-slate-500">Status</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
          >
            <option value="">All</option>
            {statuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block text-slate-500">Resource</span>
          <input
            value={resource}
            onChange={(e) => setResource(e.target.value)}
            placeholder="e.g. DbInstance"
            className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700"
          />
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-500">
          {events.length ? "No event matches these filters." : "No events yet."}
        </p>
      ) : (
        <section
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list must be reachable by keyboard
          tabIndex={0}
          aria-label="Event list"
          className="overflow-y-auto rounded border border-slate-200 dark:border-slate-800"
          style={{ height: Math.min(VIEW_HEIGHT, shown.length * ROW_HEIGHT + 2) }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          <ol className="relative" style={{ height: shown.length * ROW_HEIGHT }}>
            {visible.map((event, index) => (
              <li
                key={event.id}
                data-testid="event-row"
                className="absolute inset-x-0 flex items-center gap-3 border-b border-slate-100 px-3 text-sm dark:border-slate-800"
                style={{ top: (first + index) * ROW_HEIGHT, height: ROW_HEIGHT }}
              >
                <time
                  className="w-20 shrink-0 tabular-nums text-slate-500"
                  dateTime={event.timestamp.toISOString()}
                >
                  {event.timestamp.toLocaleTimeString()}
                </time>
                <span className="w-44 shrink-0 truncate font-mono">{event.logicalResourceId}</span>
                <span className={`w-56 shrink-0 truncate font-medium ${statusColor(event.resourceStatus)}`}>
                  {event.resourceStatus}
                </span>
                <span className="truncate text-slate-500" title={event.resourceStatusReason ?? undefined}>
                  {event.resourceStatusReason}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
