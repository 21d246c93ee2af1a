// Following one operation: its events arrive live over the portal's event subscription (SSE, resumed
// from the last event id after a drop), and every poll also reads the status and catches up with
// events.list from the same cursor, so nothing is missed or shown twice even when the stream is down.
// Ctrl-C (io.interrupted) stops following only: the operation goes on in the portal.
import type { EnvironmentDetail, EventView, OperationView } from "./environments.js";
import { BUSY, eventsAfter, RUNNING } from "./environments.js";
import { STACK_TYPE } from "./format.js";
import type { Io } from "./io.js";
import type { Portal } from "./portal.js";
import type { Reporter } from "./reporters.js";
import { subscriptionValues } from "./sse.js";

export interface FollowRequest {
  environmentId: string;
  /** Only this operation's events are shown; null: every event (stackyard events --follow). */
  operationId: string | null;
  /** The cursor: events after this id (null: from the first). */
  after: string | null;
}

export type FollowOutcome =
  | { interrupted: true }
  | {
      interrupted: false;
      detail: EnvironmentDetail;
      operation: OperationView | null;
      stackStatus: string | null;
    };

export async function follow(portal: Portal, request: FollowRequest, reporter: Reporter, io: Io) {
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  io.interrupted?.addEventListener("abort", onInterrupt, { once: true });
  if (io.interrupted?.aborted) stop.abort();
  let cursor = request.after;
  let stackStatus: string | null = null;
  const accept = (event: EventView) => {
    if (cursor !== null && BigInt(event.id) <= BigInt(cursor)) return;
    cursor = event.id;
    if (request.operationId && event.operationId !== request.operationId) return;
    if (event.resourceType === STACK_TYPE) stackStatus = event.resourceStatus;
    reporter.event(event);
  };
  const live = stream(portal, request.environmentId, () => cursor, accept, stop.signal);
  try {
    const seen = { cursor: () => cursor, stackStatus: () => stackStatus };
    return await poll(portal, request, io, stop.signal, accept, seen);
  } finally {
    stop.abort();
    io.interrupted?.removeEventListener("abort", onInterrupt);
    await live;
    reporter.end();
  }
}

async function poll(
  portal: Portal,
  request: FollowRequest,
  io: Io,
  stop: AbortSignal,
  accept: (event: EventView) => void,
  seen: { cursor: () => string | null; stackStatus: () => string | null },
): Promise<FollowOutcome> {
  let warned = "";
  let unsettled = 0;
  for (;;) {
    if (stop.aborted) return { interrupted: true };
    // Status first, then the events: whatever was stored before the operation ended is printed.
    const detail = await portal.query<EnvironmentDetail>("environments.get", { id: request.environmentId });
    const operation = request.operationId
      ? (detail.operations.find((o) => o.id === request.operationId) ?? null)
      : (detail.operations[0] ?? null);
    for (const event of await eventsAfter(portal, request.environmentId, seen.cursor())) accept(event);
    const ended = !operation || !RUNNING.has(operation.status);
    // The portal reads the environment and its operations in two queries: the operation may show its
    // end a moment before the environment does. Read again (a few times at most) for a settled view.
    if (ended && (!BUSY.has(detail.status) || ++unsettled > 10)) {
      return { interrupted: false, detail, operation, stackStatus: seen.stackStatus() };
    }
    // The portal pauses tracking when AWS throttles or credentials expire: say so once, not as a failure.
    if (operation?.trackingIssue && operation.trackingIssue !== warned) {
      warned = operation.trackingIssue;
      io.stderr(`stackyard: the portal paused following the stack: ${warned.split("\n")[0]}\n`);
    }
    if (await pause(ended ? 100 : (io.pollMs ?? 2000), stop)) return { interrupted: true };
  }
}

/** The live stream, reconnected after a drop from the newest event seen; ends when `stop` aborts. */
async function stream(
  portal: Portal,
  environmentId: string,
  cursor: () => string | null,
  accept: (event: EventView) => void,
  stop: AbortSignal,
): Promise<void> {
  while (!stop.aborted) {
    try {
      const input = { environmentId, lastEventId: cursor() };
      const body = await portal.subscribe("events.onEvents", input, stop);
      for await (const event of subscriptionValues<EventView>("events.onEvents", body)) accept(event);
    } catch {
      // A refused token or an unreachable portal is reported by the polls, which stop following.
    }
    await pause(1000, stop);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(false);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
