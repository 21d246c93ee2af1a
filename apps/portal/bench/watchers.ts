// The browsers of the latency benchmark. Each watcher records when it first saw each resource's event
// (resource ids are unique per injected event), so latency = first seen - visible at CloudFormation.
import { performance } from "node:perf_hooks";
import { sleepUnlessAborted } from "@stackyard/deploy";
import superjson from "superjson";
import { subscribe, subscriptionUrl } from "./sse-client";

export interface Watcher {
  /** "logicalResourceId:resourceStatus" -> performance.now() when this watcher first received it. */
  readonly seen: Map<string, number>;
  requests: number;
  stop(): Promise<void>;
}

interface EventLike {
  logicalResourceId: string;
  resourceStatus: string;
}

export const eventKey = (event: EventLike) => `${event.logicalResourceId}:${event.resourceStatus}`;

export interface Session {
  baseUrl: string;
  cookie: string;
}

/** The portal's design: one SSE subscription to events.onEvents, as the dashboard opens it. */
export function sseWatcher(session: Session, environmentId: string): Watcher {
  const seen = new Map<string, number>();
  const controller = new AbortController();
  const url = subscriptionUrl(`${session.baseUrl}/api/trpc`, "events.onEvents", {
    environmentId,
    lastEventId: null,
  });
  const done = settle(
    subscribe(
      url,
      session.cookie,
      (data) => {
        const key = eventKey(data as EventLike);
        if (!seen.has(key)) seen.set(key, performance.now());
      },
      controller.signal,
    ),
  );
  return { seen, requests: 1, stop: () => stopAndRethrow(controller, done) };
}

export interface PollTarget {
  /** The tRPC query path under baseUrl, e.g. /api/trpc/events.list. */
  path: string;
  input: (cursor: string | undefined) => unknown;
  /** The cursor to send after this item. */
  cursorOf: (item: unknown) => string;
}

/** The peer's design: the browser asks every interval (fixed rate, from a random phase, as tabs open). */
export function pollingWatcher(session: Session, target: PollTarget, intervalMs: number): Watcher {
  const seen = new Map<string, number>();
  const controller = new AbortController();
  const watcher: Watcher = { seen, requests: 0, stop: async () => {} };
  const loop = async () => {
    let cursor: string | undefined;
    let next = performance.now() + Math.random() * intervalMs;
    while (!controller.signal.aborted) {
      await sleepUnlessAborted(Math.max(0, next - performance.now()), controller.signal);
      if (controller.signal.aborted) break;
      next += intervalMs;
      watcher.requests += 1;
      const items = await query(session, target.path, target.input(cursor), controller.signal);
      const now = performance.now();
      for (const item of items ?? []) {
        const key = eventKey(item as EventLike);
        if (!seen.has(key)) seen.set(key, now);
        cursor = target.cursorOf(item);
      }
    }
  };
  const done = settle(loop());
  watcher.stop = () => stopAndRethrow(controller, done);
  return watcher;
}

// A watcher that failed mid-run reports it when stopped, rather than crashing the run without cleanup.
const settle = (work: Promise<void>) =>
  work.then(
    () => null,
    (error: unknown) => error,
  );

async function stopAndRethrow(controller: AbortController, done: Promise<unknown>): Promise<void> {
  controller.abort();
  const error = await done;
  if (error) throw error;
}

async function query(session: Session, path: string, input: unknown, signal: AbortSignal) {
  const url = `${session.baseUrl}${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const response = await fetch(url, { headers: { cookie: session.cookie }, signal }).catch((error) => {
    if (signal.aborted) return null;
    throw error;
  });
  if (!response) return null;
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize<unknown[]>(body.result.data);
}
