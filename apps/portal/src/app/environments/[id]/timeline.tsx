import { isFailedStatus, isInProgressStatus } from "@stackyard/deploy/status";
import { formatDuration, type ResourceSpan } from "./progress";

const barColor = (status: string) =>
  isFailedStatus(status)
    ? "bg-red-500"
    : isInProgressStatus(status)
      ? "bg-amber-400 animate-pulse"
      : status.startsWith("DELETE")
        ? "bg-slate-400"
        : "bg-emerald-500";

/** A waterfall: one bar per resource from its first event to its last, on a shared time axis. */
export function Timeline({ spans, now }: { spans: ResourceSpan[]; now: Date }) {
  if (spans.length === 0) return null;
  const start = Math.min(...spans.map((s) => s.start.getTime()));
  const end = Math.max(now.getTime(), ...spans.map((s) => (s.end ?? now).getTime()));
  const width = Math.max(1, end - start);
  return (
    <section aria-labelledby="timeline-heading" className="space-y-2">
      <h2 id="timeline-heading" className="font-medium">
        Timeline
      </h2>
      <ol className="space-y-1 text-xs">
        {spans.map((span) => {
          const to = (span.end ?? now).getTime();
          return (
            <li
              key={span.logicalResourceId}
              className="grid grid-cols-[minmax(8rem,14rem)_1fr_4rem] items-center gap-2"
            >
              <span className="truncate font-mono" title={span.resourceType}>
                {span.logicalResourceId}
              </span>
              <span className="relative h-3 rounded bg-slate-100 dark:bg-slate-800">
                <span
                  className={`absolute inset-y-0 rounded ${barColor(span.status)}`}
                  style={{
                    left: `${((span.start.getTime() - start) / width) * 100}%`,
                    width: `${Math.max(0.5, ((to - span.start.getTime()) / width) * 100)}%`,
                  }}
                />
              </span>
              <span className="text-right tabular-nums text-slate-500">
                {formatDuration((to - span.start.getTime()) / 1000)}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
