// The AWS logs capability at the SDK boundary: FilterLogEvents pages by nextToken and is throttled
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html,
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html: ThrottlingException);
// StartLiveTail streams sessionStart then sessionUpdate events and names log groups by ARN
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html); streams of
// the awslogs driver are <prefix>/<container>/<task id>
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html); DescribeLogStreams orders
// streams by LastEventTime (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogStreams.html).
import { CloudFormationClient, ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
} from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import type { StackRef } from "../driver.js";
import type { LogBatch } from "../observe/logs.js";
import { AwsLogReader } from "./logs.js";

const cfnMock = mockClient(CloudFormationClient);
const logsMock = mockClient(CloudWatchLogsClient);
const instant = { sleep: async () => {}, random: () => 0 };
const throttled = () => Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
const stack: StackRef = {
  stackName: "notes-prod",
  stackId: "arn:aws:cloudformation:eu-west-1:123456789012:stack/notes-prod/1f2e",
  environmentId: "env-1",
};
const GROUP = "notes-prod-AppLogGroup-Xy12";
const STREAM = "notes-api/notes-api/0a1b2c3d4e";

const event = (timestamp: number, msg: string, reqId = "r") => ({
  logStreamName: STREAM,
  timestamp,
  message: `{"level":30,"time":${timestamp},"reqId":"${reqId}","msg":"${msg}"}`,
});

function reader(liveTail: boolean) {
  return new AwsLogReader({
    logs: new CloudWatchLogsClient({ region: "eu-west-1" }),
    cfn: new CloudFormationClient({ region: "eu-west-1" }),
    backoff: instant,
    pollMs: 5,
    liveTail,
  });
}

async function take(iterable: AsyncIterable<LogBatch>, count: number, controller: AbortController) {
  const batches: LogBatch[] = [];
  for await (const batch of iterable) {
    batches.push(batch);
    if (batches.length >= count) break;
  }
  controller.abort();
  return batches;
}

beforeEach(() => {
  cfnMock.reset();
  logsMock.reset();
  cfnMock.on(ListStackResourcesCommand).resolves({
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
});

describe("AwsLogReader.read", () => {
  it("reads every page of the stack's log group, retrying a throttled page, newest `limit` lines", async () => {
    logsMock
      .on(FilterLogEventsCommand, { logGroupName: GROUP, nextToken: undefined })
      .resolves({ events: [event(1000, "one"), event(2000, "two")], nextToken: "p2" })
      .on(FilterLogEventsCommand, { logGroupName: GROUP, nextToken: "p2" })
      .rejectsOnce(throttled())
      .resolves({ events: [event(3000, "three")] });
    const page = await reader(false).read(stack, {
      since: new Date(0),
      until: new Date(10_000),
      limit: 2,
    });
    expect(page.lines.map((l) => l.message)).toEqual(["two", "three"]);
    expect(page.lines[0]?.task).toBe("0a1b2c3d4e");
    expect(page.hasOlder).toBe(true);
    expect(logsMock.commandCalls(FilterLogEventsCommand)).toHaveLength(3);
    expect(logsMock.commandCalls(FilterLogEventsCommand)[0]?.args[0].input).toMatchObject({
      startTime: 0,
      endTime: 10_000,
    });
  });

  it("asks CloudWatch for the text (a quoted term) and one task's stream, then applies the rest itself", async () => {
    logsMock.on(FilterLogEventsCommand).resolves({ events: [event(1000, "found", "req-42")] });
    await reader(false).read(stack, {
      limit: 10,
      filter: { text: "req-42", level: "warn", task: "0a1b2c3d4e" },
    });
    const input = logsMock.commandCalls(FilterLogEventsCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ filterPattern: '"req-42"', logStreamNames: [STREAM] });
  });

  it("filters on pino's numeric level in CloudWatch when there is no text", async () => {
    logsMock.on(FilterLogEventsCommand).resolves({ events: [] });
    await reader(false).read(stack, { limit: 10, filter: { level: "error" } });
    const input = logsMock.commandCalls(FilterLogEventsCommand)[0]?.args[0].input;
    expect(input?.filterPattern).toBe("{ $.level >= 50 }");
  });

  it("lists the tasks from the newest streams, asking DescribeLogStreams once a minute at most", async () => {
    logsMock.on(DescribeLogStreamsCommand).resolves({
      logStreams: [{ logStreamName: STREAM }, { logStreamName: "other/stream" }],
    });
    const r = reader(false);
    expect(await r.tasks(stack)).toEqual(["0a1b2c3d4e"]);
    expect(await r.tasks(stack)).toEqual(["0a1b2c3d4e"]);
    expect(logsMock.commandCalls(DescribeLogStreamsCommand)).toHaveLength(1);
    expect(logsMock.commandCalls(DescribeLogStreamsCommand)[0]?.args[0].input).toMatchObject({
      logGroupName: GROUP,
      orderBy: "LastEventTime",
      descending: true,
    });
  });

  it("has no logs before the stack (and its log group) exists", async () => {
    const page = await reader(false).read({ ...stack, stackId: null }, { limit: 10 });
    expect(page).toEqual({ lines: [], hasOlder: false });
    expect(logsMock.calls()).toHaveLength(0);
  });
});

describe("AwsLogReader.tail by FilterLogEvents polling", () => {
  it("re-reads the ingestion lag each round but delivers each line once, and resumes from its cursor", async () => {
    const now = Date.now() + 1_000; // after the tail starts
    logsMock
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [event(now + 1, "a")], nextToken: "more" })
      .rejectsOnce(throttled())
      .resolvesOnce({ events: [event(now + 2, "b")] })
      .resolvesOnce({ events: [event(now + 1, "a"), event(now + 2, "b"), event(now + 3, "c")] })
      .resolves({ events: [] });
    const controller = new AbortController();
    const batches = await take(reader(false).tail(stack, { signal: controller.signal }), 3, controller);
    expect(batches.map((b) => b.lines.map((l) => l.message))).toEqual([[], ["a", "b"], ["c"]]);
    const second = logsMock.commandCalls(FilterLogEventsCommand)[3]?.args[0].input;
    expect(second?.startTime).toBeGreaterThanOrEqual(now - 10_000);
    expect(second?.startTime).toBeLessThanOrEqual(now + 2);

    // Resumed from the cursor after "a": b and c, not a again.
    logsMock.reset();
    cfnMock.on(ListStackResourcesCommand).resolves({
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
    logsMock
      .on(FilterLogEventsCommand)
      .resolves({ events: [event(now + 1, "a"), event(now + 2, "b"), event(now + 3, "c")] });
    const again = new AbortController();
    const afterA = batches[1]?.cursor.replace(/^A1:\d+:.*$/, `A1:${now + 1}:${batches[1]?.lines[0]?.id}`);
    const resumed = await take(reader(false).tail(stack, { cursor: afterA, signal: again.signal }), 1, again);
    expect(resumed[0]?.lines.map((l) => l.message)).toEqual(["b", "c"]);
  });
});

describe("AwsLogReader.tail by Live Tail", () => {
  async function* session(...events: StartLiveTailResponseStream[]) {
    for (const e of events) yield e;
    await new Promise(() => undefined); // the session stays open
  }

  it("streams a session's updates, closing the gap before its start with one FilterLogEvents round", async () => {
    const now = Date.now() + 1_000; // after the tail starts
    logsMock.on(FilterLogEventsCommand).resolves({ events: [event(now + 1, "just before the session")] });
    logsMock.on(StartLiveTailCommand).resolves({
      responseStream: session(
        { sessionStart: { requestId: "s", sessionId: "s" } },
        {
          sessionUpdate: {
            sessionResults: [event(now + 1, "just before the session"), event(now + 5, "live")],
          },
        },
      ),
    });
    const controller = new AbortController();
    const batches = await take(reader(true).tail(stack, { signal: controller.signal }), 3, controller);
    expect(batches.flatMap((b) => b.lines.map((l) => l.message))).toEqual([
      "just before the session",
      "live",
    ]);
    expect(logsMock.commandCalls(StartLiveTailCommand)[0]?.args[0].input.logGroupIdentifiers).toEqual([
      `arn:aws:logs:eu-west-1:123456789012:log-group:${GROUP}`,
    ]);
    expect(logsMock.commandCalls(FilterLogEventsCommand)).toHaveLength(1);
  });

  it("falls back to polling where Live Tail is refused", async () => {
    const now = Date.now() + 1_000; // after the tail starts
    logsMock
      .on(StartLiveTailCommand)
      .rejects(Object.assign(new Error("not allowed"), { name: "AccessDeniedException" }));
    logsMock.on(FilterLogEventsCommand).resolves({ events: [event(now + 1, "polled")] });
    const controller = new AbortController();
    const batches = await take(reader(true).tail(stack, { signal: controller.signal }), 2, controller);
    expect(batches[1]?.lines.map((l) => l.message)).toEqual(["polled"]);
    expect(logsMock.commandCalls(StartLiveTailCommand)).toHaveLength(1);
  });
});
