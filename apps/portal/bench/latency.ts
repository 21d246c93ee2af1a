// Event-to-browser latency and CloudFormation calls per interval, for the portal's design and its peers,
// measured one design at a time (interleaved over rounds) so that no design's load slows another's.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { OperationTracker } from "@stackyard/deploy";
import { defaultSpec } from "@stackyard/templates";
import { driverFor } from "../src/server/deploy-drivers";
import type { FakeCloudFormation } from "./cloudformation-mock";
import type { Harness } from "./harness";
import { eventKey, pollingWatcher, sseWatcher, type Watcher } from "./watchers";

export type DesignName = "engine" | "poll-list" | "poll-aws";

export interface PhaseResult {
  design: DesignName;
  latenciesMs: number[];
  /** Per event: visible at CloudFormation -> first read by a DescribeStackEvents call. */
  untilReadMs: number[];
  /** Per event: that read -> the first and the last of the subscribers to receive it. */
  readToFirstMs: number[];
  readToLastMs: number[];
  missed: number;
  windowMs: number;
  describeEventsCalls: number;
  httpRequests: number;
}

export interface LatencySetup {
  harness: Harness;
  fake: FakeCloudFormation;
  intervalMs: number;
  subscribers: number;
}

/** An AWS environment launched through the engine, its stack then kept in progress by the fake. */
export async function launchTrackedStack(harness: Harness, name: string) {
  const spec = { ...defaultSpec(), name };
  const environment = await harness.prisma.environment.create({
    data: {
      name,
      target: "aws",
      region: spec.region,
      status: "pending",
      spec,
      ownerId: harness.userId,
      operations: {
        create: { kind: "create", specSnapshot: spec, clientRequestToken: randomUUID() },
      },
    },
    include: { operations: true },
  });
  const operationId = environment.operations[0]?.id as string;
  await harness.engine.startOperation(operationId);
  const status = await harness.prisma.operation.findUniqueOrThrow({ where: { id: operationId } });
  if (status.status !== "running") throw new Error(`launch did not start: ${status.errorMessage}`);
  return { environmentId: environment.id, operationId, stackName: name, region: spec.region };
}

/** A second portal process: its own tracker (own lease owner) polling the same operation. */
export function secondReplica(harness: Harness, operationId: string, intervalMs: number) {
  const replica = new OperationTracker({ prisma: harness.prisma, driverFor, intervalMs: () => intervalMs });
  replica.track(operationId);
  return replica;
}

export interface TrackedStack {
  environmentId: string;
  stackName: string;
  region: string;
}

/** Opens the design's browsers: which stack their events come from, and how they watch it. */
function openDesign(setup: LatencySetup, design: DesignName, tracked: TrackedStack, naiveStack: string) {
  const { harness, intervalMs, subscribers } = setup;
  const open = (): Watcher => {
    if (design === "engine") return sseWatcher(harness.session, tracked.environmentId);
    if (design === "poll-list") {
      return pollingWatcher(
        harness.session,
        {
          path: "/api/trpc/events.list",
          input: (after) => ({ environmentId: tracked.environmentId, after: after ?? null }),
          cursorOf: (item) => (item as { id: string }).id,
        },
        intervalMs,
      );
    }
    return pollingWatcher(
      harness.session,
      {
        path: "/naive/list",
        input: (after) => ({ stackName: naiveStack, region: tracked.region, after }),
        cursorOf: (item) => (item as { eventId: string }).eventId,
      },
      intervalMs,
    );
  };
  const stackName = design === "poll-aws" ? naiveStack : tracked.stackName;
  return { stackName, watchers: Array.from({ length: subscribers }, open) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/**
 * One design, its subscribers watching one stack while `events` new events appear at random moments
 * (gaps of 0.5-1.5 intervals, so they land at every phase of the pollers' cycles).
 */
export async function measurePhase(
  setup: LatencySetup,
  design: DesignName,
  tracked: TrackedStack,
  naiveStack: string,
  events: number,
  label: string,
): Promise<PhaseResult> {
  const { fake, intervalMs } = setup;
  const { stackName, watchers } = openDesign(setup, design, tracked, naiveStack);
  const baseline = eventKey({ logicalResourceId: stackName, resourceStatus: "CREATE_IN_PROGRESS" });
  const ready = await until(() => watchers.every((w) => w.seen.has(baseline)), 10 * intervalMs);
  if (!ready) throw new Error(`${design}: not every subscriber saw the stack's first event`);

  const callsBefore = fake.describeEventsCalls(stackName);
  const requestsBefore = watchers.reduce((n, w) => n + w.requests, 0);
  const started = performance.now();
  const injected: { key: string; eventId: string; visibleAt: number }[] = [];
  for (let i = 0; i < events; i++) {
    await sleep(intervalMs * (0.5 + Math.random()));
    const logicalId = `${label}R${i}`;
    const { eventId, visibleAt } = fake.addEvent(
      stackName,
      logicalId,
      "AWS::EC2::Subnet",
      "CREATE_IN_PROGRESS",
    );
    injected.push({
      key: eventKey({ logicalResourceId: logicalId, resourceStatus: "CREATE_IN_PROGRESS" }),
      eventId,
      visibleAt,
    });
  }
  const last = injected.at(-1)?.key ?? baseline;
  await until(() => watchers.every((w) => w.seen.has(last)), 5 * intervalMs);
  const windowMs = performance.now() - started;
  const describeEventsCalls = fake.describeEventsCalls(stackName) - callsBefore;
  const httpRequests = watchers.reduce((n, w) => n + w.requests, 0) - requestsBefore;
  await Promise.all(watchers.map((w) => w.stop()));

  const latenciesMs: number[] = [];
  const breakdown = {
    untilReadMs: [] as number[],
    readToFirstMs: [] as number[],
    readToLastMs: [] as number[],
  };
  let missed = 0;
  for (const { key, eventId, visibleAt } of injected) {
    const seen = watchers.map((w) => w.seen.get(key)).filter((t) => t !== undefined);
    missed += watchers.length - seen.length;
    latenciesMs.push(...seen.map((t) => t - visibleAt));
    const readAt = fake.readAt(eventId);
    if (readAt === undefined || seen.length === 0) continue;
    breakdown.untilReadMs.push(readAt - visibleAt);
    breakdown.readToFirstMs.push(Math.min(...seen) - readAt);
    breakdown.readToLastMs.push(Math.max(...seen) - readAt);
  }
  return { design, latenciesMs, missed, windowMs, describeEventsCalls, httpRequests, ...breakdown };
}
