"use client";
// The app's logs, live: follow or pause, filter by text (a request id, a URL), level and task, load older
// lines, and show the raw lines on demand. Times are UTC. Nothing secret reaches it: notes-api never logs
// headers, bodies or SQL values (apps/notes-api/src/logger.ts).
import { useEffect, useRef, useState } from "react";
import { LogLineItem } from "./log-line-item";
import { LEVELS, type PanelFilter } from "./log-view";
import { useLiveLogs } from "./use-live-logs";

const control =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-indigo-400 dark:border-slate-700 dark:bg-slate-900";
const button =
  "rounded border border-slate-300 px-2 py-1 text-sm font-medium focus-visible:ring-2 focus-visible:ring-indigo-400 disabled:opacity-50 dark:border-slate-700";

export function LogsPanel({ id, status }: { id: string; status: string }) {
  const [filter, setFilter] = useState<PanelFilter>({ text: "", level: "", task: "" });
  const [text, setText] = useState("");
  const [raw, setRaw] = useState(false);
  const logs = useLiveLogs(id, filter, status !== "draft");
  const scroller = useRef<HTMLDivElement>(null);

  // Typing settles before a new stream starts.
  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.text === text ? f : { ...f, text })), 300);
    return () => clearTimeout(timer);
  }, [text]);

  // Following keeps the newest line in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: new lines are the trigger
  useEffect(() => {
    if (logs.following && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [logs.lines, logs.following]);

  if (status === "draft") return null;
  const filtered = Boolean(filter.text || filter.level || filter.task);
  const state = !logs.live ? "connecting…" : logs.following ? "following" : "paused";
  return (
    <section aria-labelledby="logs-heading" className="space-y-2" data-testid="logs-panel">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="logs-heading" className="font-medium">
          Logs
        </h2>
        <span className="text-xs text-slate-500" data-testid="logs-state">
          {state}
        </span>
      </div>
      <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col text-xs">
          Filter (text or request id)
          <input type="search" className={control} value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="flex flex-col text-xs">
          Level
          <select
            className={control}
            value={filter.level}
            onChange={(e) => setFilter({ ...filter, level: e.target.value as PanelFilter["level"] })}
          >
            <option value="">all</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {level} and above
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Task
          <select
            className={control}
            value={filter.task}
            onChange={(e) => setFilter({ ...filter, task: e.target.value })}
          >
            <option value="">all tasks</option>
            {logs.tasks.map((task) => (
              <option key={task} value={task}>
                {task}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={button}
          aria-pressed={!logs.following}
          onClick={() => logs.follow(!logs.following)}
        >
          {logs.following ? "Pause" : `Follow${logs.heldCount > 0 ? ` (${logs.heldCount} new)` : ""}`}
        </button>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
          Raw lines
        </label>
      </form>
      {logs.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {logs.error.message}
        </p>
      )}
      {!logs.available && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          This environment's target keeps no logs the portal can read.
        </p>
      )}
      {logs.hasOlder && (
        <button
          type="button"
          className={button}
          disabled={logs.loadingOlder}
          onClick={() => void logs.loadOlder()}
        >
          {logs.loadingOlder ? "Loading older lines…" : "Load older lines"}
        </button>
      )}
      <section
        ref={scroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the lines
        tabIndex={0}
        aria-label="Log lines (times in UTC)"
        className="max-h-96 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs dark:border-slate-800 dark:bg-slate-950"
      >
        {(logs.loadingHistory || !logs.live) && logs.lines.length === 0 && (
          <p className="text-slate-500">Loading the logs…</p>
        )}
        {logs.live && !logs.loadingHistory && logs.lines.length === 0 && (
          <p className="text-slate-500" data-testid="logs-empty">
            {filtered
              ? "No lines match the filter yet."
              : "No log lines yet: requests to the app appear here within seconds."}
          </p>
        )}
        {/* role=log on a wrapper: on the <ol> itself it would hide the list from assistive technology. */}
        <div role="log" aria-live={logs.following ? "polite" : "off"}>
          <ol className="space-y-0.5">
            {logs.lines.map((line) => (
              <LogLineItem key={line.id} line={line} raw={raw} onRequestId={setText} />
            ))}
          </ol>
        </div>
      </section>
    </section>
  );
}
