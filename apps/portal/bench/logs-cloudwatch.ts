// CloudWatch Logs calls per interval with 20 viewers of one AWS environment, through the portal's own path
// (environments.onLogs over HTTP -> LogHub -> AwsLogReader -> the SDK), with CloudWatch Logs and
// CloudFormation replaced at the SDK boundary (aws-sdk-client-mock): every call is counted. Polling mode
// (StartLiveTail refused, as by an identity without logs:StartLiveTail) counts FilterLogEvents per poll
// interval; Live Tail mode counts StartLiveTail sessions. The peer, in the same run: one tail per viewer
// (no hub), as a per-connection design would do.
import { performance } from "node:perf_hooks";
import { CloudFormationClient, ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
} from "@aws-sdk/client-cloudwatch-logs";
import { type LogLine, stackRefOf } from "@stackyard/deploy";
import { AwsCloudFormationDriver } from "@stackyard/deploy/aws";
import { mockClient } from "aws-sdk-client-mock";
import { getLogHub } from "../src/server/environments/logs";
import type { Harness } from "./harness";
import { subscribe, subscriptionUrl } from "./sse-client";

const REGION = "us-east-1";
const STACK_ID = "arn:aws:cloudformation:us-east-1:123456789012:stack/bench-logs-aws/0001";
const GROUP = "bench-logs-aws-AppLogGroup-Bench1";

export interface CloudWatchCounts {
  filterLogEvents: number;
  startLiveTail: number;
  windowMs: number;
  /** Lines every viewer received (proof the calls served them). */
  linesPerViewer: number[];
}

/** A log group that gains one line per second; FilterLogEvents returns the lines from startTime on. */
function fakeCloudWatch(liveTail: boolean) {
  const cfn = mockClient(CloudFormationClient);
  const logs = mockClient(CloudWatchLogsClient);
  const events: { logStreamName: string; timestamp: number; message: string }[] = [];
  const timer = setInterval(() => {
    const timestamp = Date.now();
    events.push({
      logStreamName: "notes-api/notes-api/task1",
      timestamp,
      message: `{"level":30,"time":${timestamp},"reqId":"cw-${events.length}","msg":"request completed"}`,
    });
  }, 1_000);
  cfn.on(ListStackResourcesCommand).resolves({
    StackResourceSummaries: [
      {
        LogicalResourceId: "AppLogGroup",
        ResourceType: "AWS::Logs::LogGroup",
        PhysicalResourceId: GROUP,
        ResourceStatus: "CREATE_COMPLETE",
        LastUpdatedTimestamp: new Date(),
      },
    ],
  });
  logs.on(FilterLogEventsCommand).callsFake(({ startTime }) => ({
    events: events.filter((e) => e.timestamp >= (startTime ?? 0)),
  }));
  if (liveTail) {
    logs.on(StartLiveTailCommand).callsFake(() => ({
      responseStream: (async function* (): AsyncGenerator<StartLiveTailResponseStream> {
        yield { sessionStart: { sessionId: "bench" } };
        let sent = events.length;
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          if (events.length > sent) {
            yield { sessionUpdate: { sessionResults: events.slice(sent) } };
            sent = events.length;
          }
        }
      })(),
    }));
  } else {
    logs
      .on(StartLiveTailCommand)
      .rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" }));
  }
  return {
    filterCalls: () => logs.commandCalls(FilterLogEventsCommand).length,
    liveTailCalls: () => logs.commandCalls(StartLiveTailCommand).length,
    restore() {
      clearInterval(timer);
      cfn.restore();
      logs.restore();
    },
  };
}

async function awsEnvironment(harness: Harness): Promise<string> {
  const environment = await harness.prisma.environment.create({
    data: {
      name: "bench-logs-aws",
      target: "aws",
      region: REGION,
      status: "live",
      spec: {},
      stackId: STACK_ID,
      ownerId: harness.userId,
    },
  });
  return environment.id;
}

/** `viewers` SSE subscriptions for `windowMs`; the hub is the portal's (one per process). */
export async function measureHub(
  harness: Harness,
  viewers: number,
  windowMs: number,
  liveTail: boolean,
): Promise<CloudWatchCounts> {
  const fake = fakeCloudWatch(liveTail);
  const environmentId = await awsEnvironment(harness);
  const received = Array.from({ length: viewers }, () => 0);
  const controller = new AbortController();
  try {
    const url = subscriptionUrl(`${harness.session.baseUrl}/api/trpc`, "environments.onLogs", {
      id: environmentId,
      lastEventId: null,
    });
    const streams = received.map((_, i) =>
      subscribe(
        url,
        harness.session.cookie,
        (data) => {
          received[i] = (received[i] ?? 0) + (data as { lines: LogLine[] }).lines.length;
        },
        controller.signal,
      ),
    );
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const counts = {
      filterLogEvents: fake.filterCalls(),
      startLiveTail: fake.liveTailCalls(),
      windowMs: performance.now() - started,
      linesPerViewer: [...received],
    };
    controller.abort();
    await Promise.allSettled(streams);
    return counts;
  } finally {
    // The hub keeps a tail for a while after its last viewer: stop it, so the next phase counts its own calls.
    getLogHub().close();
    fake.restore();
    await harness.prisma.environment.delete({ where: { id: environmentId } });
  }
}

/** The peer: each viewer runs its own tail of the same reader (no hub), for `windowMs`. */
export async function measurePerViewerTails(viewers: number, windowMs: number): Promise<CloudWatchCounts> {
  const fake = fakeCloudWatch(false);
  // The driver's own reader (its poll interval: pollMs is the default it uses).
  const reader = new AwsCloudFormationDriver({ region: REGION }).logs;
  const stack = stackRefOf({ id: "peer", name: "bench-logs-aws", stackId: STACK_ID });
  const received = Array.from({ length: viewers }, () => 0);
  const controller = new AbortController();
  try {
    const tails = received.map(async (_, i) => {
      for await (const batch of reader.tail(stack, { signal: controller.signal }))
        received[i] = (received[i] ?? 0) + batch.lines.length;
    });
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const counts = {
      filterLogEvents: fake.filterCalls(),
      startLiveTail: fake.liveTailCalls(),
      windowMs: performance.now() - started,
      linesPerViewer: [...received],
    };
    controller.abort();
    await Promise.allSettled(tails);
    return counts;
  } finally {
    fake.restore();
  }
}
