// Log line to browser, locally: a real sandbox environment (notes-api processes behind nginx), 20 viewers
// each on its own SSE subscription to environments.onLogs over HTTP (what the dashboard's log panel opens),
// and requests through nginx with a known X-Request-Id (notes-api keeps a caller's id). Latency = when a
// viewer receives the request's line - when the request was sent. Peer, in the same run: the same 20
// viewers polling environments.logs every second (what a panel without a stream would do).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { LogLine } from "@stackyard/deploy";
import { sleepUnlessAborted } from "@stackyard/deploy";
import { defaultSpec } from "@stackyard/templates";
import superjson from "superjson";
import { launchEnvironment } from "../src/server/environments/launch";
import type { Harness } from "./harness";
import { subscribe, subscriptionUrl } from "./sse-client";

export type LogDesign = "stream" | "poll-1s";

export interface LocalEnvironment {
  environmentId: string;
  appUrl: string;
}

export async function launchLocal(harness: Harness): Promise<LocalEnvironment> {
  const name = `bench-logs-${Date.now().toString(36)}`;
  const { environmentId } = await launchEnvironment(
    harness.prisma,
    { target: "local", spec: { ...defaultSpec(), name }, clientRequestToken: randomUUID() },
    harness.engine,
    harness.userId,
  );
  const deadline = Date.now() + 180_000;
  for (;;) {
    const environment = await harness.prisma.environment.findUniqueOrThrow({ where: { id: environmentId } });
    if (environment.status === "live") {
      return { environmentId, appUrl: (environment.outputs as { AppUrl: string }).AppUrl };
    }
    if (environment.status === "failed" || Date.now() > deadline) {
      throw new Error(`bench environment ${name} is ${environment.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Viewer {
  /** request id -> performance.now() when this viewer first had its line. */
  seen: Map<string, number>;
  ready: Promise<void>;
  stop(): Promise<void>;
}

function streamViewer(harness: Harness, environmentId: string): Viewer {
  const seen = new Map<string, number>();
  const controller = new AbortController();
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const url = subscriptionUrl(`${harness.session.baseUrl}/api/trpc`, "environments.onLogs", {
    id: environmentId,
    lastEventId: null,
  });
  const done = subscribe(
    url,
    harness.session.cookie,
    (data) => {
      markReady();
      for (const line of (data as { lines: LogLine[] }).lines) {
        if (line.requestId && !seen.has(line.requestId)) seen.set(line.requestId, performance.now());
      }
    },
    controller.signal,
  );
  return { seen, ready, stop: () => stopViewer(controller, done) };
}

function pollingViewer(harness: Harness, environmentId: string, intervalMs: number): Viewer {
  const seen = new Map<string, number>();
  const controller = new AbortController();
  const input = encodeURIComponent(JSON.stringify(superjson.serialize({ id: environmentId, limit: 100 })));
  const url = `${harness.session.baseUrl}/api/trpc/environments.logs?input=${input}`;
  const done = (async () => {
    // Tabs open at random moments: each polls at a fixed rate from its own phase.
    await sleepUnlessAborted(Math.random() * intervalMs, controller.signal);
    while (!controller.signal.aborted) {
      const started = performance.now();
      const response = await fetch(url, {
        headers: { cookie: harness.session.cookie },
        signal: controller.signal,
      });
      const body = (await response.json()) as { result: { data: unknown } };
      const page = superjson.deserialize(body.result.data as never) as { lines: LogLine[] };
      for (const line of page.lines) {
        if (line.requestId && !seen.has(line.requestId)) seen.set(line.requestId, performance.now());
      }
      await sleepUnlessAborted(Math.max(0, intervalMs - (performance.now() - started)), controller.signal);
    }
  })();
  return { seen, ready: Promise.resolve(), stop: () => stopViewer(controller, done) };
}

async function stopViewer(controller: AbortController, done: Promise<unknown>): Promise<void> {
  controller.abort();
  await done.catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
}

/** One phase: `viewers` of one design, `requests` requests 200 ms apart; latencies of every viewer. */
export async function measureLogPhase(
  harness: Harness,
  environment: LocalEnvironment,
  design: LogDesign,
  viewers: number,
  requests: number,
  tag: string,
): Promise<number[]> {
  const open = () =>
    design === "stream"
      ? streamViewer(harness, environment.environmentId)
      : pollingViewer(harness, environment.environmentId, 1_000);
  const watching = Array.from({ length: viewers }, open);
  await Promise.all(watching.map((v) => v.ready));
  const sentAt = new Map<string, number>();
  try {
    for (let i = 0; i < requests; i++) {
      const id = `bench-${tag}-${i}`;
      sentAt.set(id, performance.now());
      const response = await fetch(`${environment.appUrl}/api/notes?limit=1`, {
        headers: { "x-request-id": id },
      });
      await response.arrayBuffer();
      if (response.headers.get("x-request-id") !== id)
        throw new Error(`notes-api did not keep the request id ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const deadline = performance.now() + 10_000;
    const all = () => watching.every((v) => [...sentAt.keys()].every((id) => v.seen.has(id)));
    while (!all() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    if (!all()) throw new Error(`${design}: some viewers never saw some lines within 10 s`);
  } finally {
    await Promise.all(watching.map((v) => v.stop()));
  }
  return watching.flatMap((v) => [...sentAt].map(([id, at]) => (v.seen.get(id) as number) - at));
}
