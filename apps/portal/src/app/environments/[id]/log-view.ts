// The log panel's lines: merged from history pages and live batches, de-duplicated by line id (a resumed
// stream and a history page may both hold a line), in time order, capped so a busy app cannot fill the page.
import type { LogLine } from "@stackyard/deploy";

export const LEVELS = ["debug", "info", "warn", "error"] as const;
/** Live lines kept on the page; older ones are dropped as new ones come (load older brings them back). */
export const MAX_LIVE_LINES = 1_000;

export interface PanelFilter {
  text: string;
  level: "" | (typeof LEVELS)[number];
  task: string;
}

/** The API's filter: empty fields are left out. */
export function apiFilter(filter: PanelFilter) {
  const text = filter.text.trim();
  return {
    ...(text ? { text } : {}),
    ...(filter.level ? { level: filter.level } : {}),
    ...(filter.task ? { task: filter.task } : {}),
  };
}

const time = (line: LogLine) => new Date(line.timestamp).getTime();

/**
 * `current` plus `incoming`, without repeats, oldest first. `trim: "oldest"` (live lines) keeps the newest
 * MAX_LIVE_LINES; "none" (the user asked for older lines) keeps everything.
 */
export function mergeLines(current: LogLine[], incoming: LogLine[], trim: "oldest" | "none"): LogLine[] {
  const ids = new Set(current.map((line) => line.id));
  const fresh = incoming.filter((line) => !ids.has(line.id) && ids.add(line.id));
  if (fresh.length === 0) return current;
  const merged = [...current, ...fresh];
  // Live lines nearly always come after the last one shown: sort only when they do not.
  const ordered = merged.every((line, i) => i === 0 || time(merged[i - 1] as LogLine) <= time(line));
  if (!ordered) merged.sort((a, b) => time(a) - time(b));
  return trim === "oldest" && merged.length > MAX_LIVE_LINES ? merged.slice(-MAX_LIVE_LINES) : merged;
}

/** "14:03:07.123" in UTC (the panel says so): the same on every viewer's screen, as in the logs. */
export function clockTime(timestamp: Date | string): string {
  return new Date(timestamp).toISOString().slice(11, 23);
}

/** "GET /notes → 200 in 3.1 ms" for a request line; the message otherwise. */
export function summary(line: LogLine): string {
  if (line.method && line.url && line.status !== undefined) {
    const took = line.durationMs !== undefined ? ` in ${line.durationMs} ms` : "";
    return `${line.method} ${line.url} → ${line.status}${took}`;
  }
  return line.message;
}
