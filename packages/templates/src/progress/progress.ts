// Progress of an operation from its events: resources done out of the template's total, elapsed time,
// and an ETA. Pure, so the portal's dashboard and the stackyard CLI recompute it on every event.
import { typicalSeconds } from "./durations.js";

export interface ProgressEvent {
  logicalResourceId: string;
  resourceType: string;
  resourceStatus: string;
  timestamp: Date;
}

export interface ResourceSpan {
  logicalResourceId: string;
  resourceType: string;
  status: string;
  start: Date;
  end: Date | null;
}

export interface Progress {
  total: number;
  done: number;
  failed: number;
  elapsedSeconds: number;
  etaSeconds: number | null;
  spans: ResourceSpan[];
}

const isStack = (e: ProgressEvent) => e.resourceType === "AWS::CloudFormation::Stack";
const isEnd = (status: string) => /_(COMPLETE|FAILED)$/.test(status) && !status.includes("IN_PROGRESS");

export function resourceSpans(events: ProgressEvent[]): ResourceSpan[] {
  const spans = new Map<string, ResourceSpan>();
  for (const event of [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())) {
    if (isStack(event)) continue;
    const span = spans.get(event.logicalResourceId);
    if (!span || (span.end && event.resourceStatus.endsWith("IN_PROGRESS"))) {
      spans.set(event.logicalResourceId, {
        logicalResourceId: event.logicalResourceId,
        resourceType: event.resourceType,
        status: event.resourceStatus,
        start: event.timestamp,
        end: isEnd(event.resourceStatus) ? event.timestamp : null,
      });
      continue;
    }
    span.status = event.resourceStatus;
    if (isEnd(event.resourceStatus)) span.end = event.timestamp;
  }
  return [...spans.values()];
}

/**
 * The ETA assumes what is still missing runs roughly in parallel, so it is the longest typical duration
 * among unfinished resources, minus what each has already been running; real durations refine it.
 */
export function computeProgress(
  events: ProgressEvent[],
  templateResources: { logicalResourceId: string; resourceType: string }[],
  target: "local" | "aws",
  now: Date,
): Progress {
  const spans = resourceSpans(events);
  const byId = new Map(spans.map((s) => [s.logicalResourceId, s]));
  const done = spans.filter((s) => s.end && s.status.endsWith("_COMPLETE")).length;
  const failed = spans.filter((s) => s.status.endsWith("_FAILED")).length;
  const first = [...events].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())[0];
  const elapsedSeconds = first ? Math.max(0, (now.getTime() - first.timestamp.getTime()) / 1000) : 0;
  const remaining = templateResources.filter((r) => !byId.get(r.logicalResourceId)?.end);
  const etaSeconds =
    remaining.length === 0
      ? null
      : Math.max(
          ...remaining.map((r) => {
            const started = byId.get(r.logicalResourceId)?.start;
            const running = started ? (now.getTime() - started.getTime()) / 1000 : 0;
            return Math.max(1, typicalSeconds(r.resourceType, target) - running);
          }),
        );
  return { total: templateResources.length, done, failed, elapsedSeconds, etaSeconds, spans };
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
