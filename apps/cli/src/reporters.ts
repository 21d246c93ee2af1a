// How following shows events: plain lines (pipelines, logs), one JSON object per line (--json), or on a
// terminal resource lines under a redrawn progress bar with an ETA.
import { computeProgress, formatDuration } from "@stackyard/templates";
import type { Target } from "./args.js";
import type { EventView } from "./environments.js";
import { eventLine } from "./format.js";
import type { Io } from "./io.js";

export interface Reporter {
  event(event: EventView): void;
  /** Clears what the reporter redraws, before the final line. */
  end(): void;
}

export function plainReporter(io: Io): Reporter {
  return { event: (event) => io.stdout(`${eventLine(event)}\n`), end: () => undefined };
}

export function jsonReporter(io: Io): Reporter {
  return {
    event: (event) => io.stdout(`${JSON.stringify({ type: "event", ...event })}\n`),
    end: () => undefined,
  };
}

export interface TtyScope {
  /** The resources the operation works on (the template's, or an update's changes). */
  resources: { logicalResourceId: string; resourceType: string }[];
  target: Target;
}

const CLEAR = "\r\x1b[2K";
const mark = (status: string) =>
  status.endsWith("_FAILED")
    ? "✗"
    : status.endsWith("_COMPLETE")
      ? "✓"
      : status.endsWith("_SKIPPED")
        ? "-"
        : "…";

export function progressBar(done: number, total: number, width: number): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
}

/** One short line per event, and the bar (done/total, elapsed, ETA) redrawn below them every second. */
export function ttyReporter(io: Io, scope: TtyScope): Reporter {
  const events: EventView[] = [];
  const now = () => io.now?.() ?? new Date();
  const bar = () => {
    const p = computeProgress(events, scope.resources, scope.target, now());
    const eta = p.etaSeconds === null ? "" : `  ETA ${formatDuration(p.etaSeconds)}`;
    const failed = p.failed ? `, ${p.failed} failed` : "";
    const text = `${p.done}/${p.total} resources${failed}  ${formatDuration(p.elapsedSeconds)}${eta}`;
    const width = Math.max(10, Math.min(40, (io.columns ?? 80) - text.length - 4));
    return `${progressBar(p.done, p.total, width)} ${text}`;
  };
  io.stdout(bar());
  const timer = setInterval(() => io.stdout(`${CLEAR}${bar()}`), 1000);
  timer.unref?.();
  return {
    event(event) {
      events.push(event);
      const at = new Date(event.timestamp).toISOString().slice(11, 19);
      const reason = event.resourceStatusReason ? `  ${event.resourceStatusReason}` : "";
      const line = `${at} ${mark(event.resourceStatus)} ${event.logicalResourceId} ${event.resourceStatus}${reason}`;
      io.stdout(`${CLEAR}${line.slice(0, Math.max(40, (io.columns ?? 80) - 1))}\n${bar()}`);
    },
    end() {
      clearInterval(timer);
      io.stdout(`${CLEAR}${bar()}\n`);
    },
  };
}
