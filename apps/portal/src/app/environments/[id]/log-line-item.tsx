"use client";
// One log line: time (UTC), level, task, what happened, and the request id (choosing it filters the panel
// to that request's lines); or the line as written when raw lines are asked for.
import type { LogLine } from "@stackyard/deploy";
import { clockTime, summary } from "./log-view";

const LEVEL_STYLE: Record<string, string> = {
  fatal: "text-red-800 dark:text-red-300 font-semibold",
  error: "text-red-700 dark:text-red-400",
  warn: "text-amber-700 dark:text-amber-400",
  info: "text-sky-700 dark:text-sky-400",
  debug: "text-slate-500",
  trace: "text-slate-500",
};

interface Props {
  line: LogLine;
  raw: boolean;
  onRequestId: (requestId: string) => void;
}

export function LogLineItem({ line, raw, onRequestId }: Props) {
  if (raw) {
    return (
      <li data-testid="log-line" className="whitespace-pre-wrap break-all">
        {line.raw}
      </li>
    );
  }
  return (
    <li data-testid="log-line" className="flex flex-wrap gap-x-2">
      <time dateTime={new Date(line.timestamp).toISOString()} className="text-slate-500">
        {clockTime(line.timestamp)}
      </time>
      <span className={`w-10 uppercase ${LEVEL_STYLE[line.level ?? ""] ?? "text-slate-500"}`}>
        {line.level ?? "—"}
      </span>
      <span className="text-slate-500">{line.task}</span>
      <span className="min-w-0 flex-1 break-all">{summary(line)}</span>
      {line.requestId && (
        <button
          type="button"
          className="text-sky-700 underline focus-visible:ring-2 focus-visible:ring-indigo-400 dark:text-sky-400"
          aria-label={`Show the lines of request ${line.requestId}`}
          onClick={() => onRequestId(line.requestId as string)}
        >
          {line.requestId}
        </button>
      )}
    </li>
  );
}
