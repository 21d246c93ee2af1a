// CloudWatch Logs for the app's log group: where it is (the stack's AWS::Logs::LogGroup, found with
// ListStackResources), FilterLogEvents pages, and the cursor of a tail.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import {
  type CloudWatchLogsClient,
  FilterLogEventsCommand,
  type FilterLogEventsCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import { type BackoffOptions, withThrottlingRetry } from "../backoff.js";
import type { StackRef } from "../driver.js";
import { lineId, parseLogLine } from "../observe/log-parse.js";
import type { LogFilter, LogLevel, LogLine } from "../observe/logs.js";
import { LOG_LEVELS } from "../observe/logs.js";
import { listStackResources, physicalIdOf } from "./stack-resources.js";

/**
 * The awslogs driver names streams <awslogs-stream-prefix>/<container name>/<task id>; the template uses
 * the container's name, notes-api, as the prefix (packages/templates/src/render/app.ts).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
 */
export const STREAM_PREFIX = "notes-api/notes-api/";

export interface LogGroup {
  name: string;
  /** StartLiveTail names log groups by ARN (without a trailing *). */
  arn: string;
}

/** The stack's app log group, or null before the stack (or the log group) exists. */
export async function findLogGroup(
  cfn: CloudFormationClient,
  stack: StackRef,
  backoff?: BackoffOptions,
): Promise<LogGroup | null> {
  if (!stack.stackId) return null;
  const resources = await listStackResources(cfn, stack.stackId, backoff);
  const name = physicalIdOf(resources, "AWS::Logs::LogGroup", "AppLogGroup");
  if (!name) return null;
  // arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>
  const [, partition, , region, account] = stack.stackId.split(":");
  return { name, arn: `arn:${partition}:logs:${region}:${account}:log-group:${name}` };
}

const taskOfStream = (stream: string | undefined) =>
  (stream ?? "").startsWith(STREAM_PREFIX) ? (stream ?? "").slice(STREAM_PREFIX.length) : (stream ?? "");

/** A CloudWatch event → LogLine; the id hashes stream, time and text, so LiveTail and polling agree. */
export function lineOfEvent(event: {
  logStreamName?: string;
  timestamp?: number;
  message?: string;
}): LogLine {
  const stream = event.logStreamName ?? "";
  const timestamp = event.timestamp ?? 0;
  const message = (event.message ?? "").replace(/\n$/, "");
  return parseLogLine(message, {
    id: lineId(stream, timestamp, message),
    task: taskOfStream(stream),
    fallbackTime: new Date(timestamp),
  });
}

const PINO_NUMBER: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

/**
 * A filter pattern doing part of the filter in CloudWatch (the rest is applied to the lines): a quoted term
 * for the text, else a JSON condition on pino's numeric level. One pattern cannot hold both.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export function filterPattern(filter: LogFilter | undefined): string | undefined {
  if (filter?.text && !/["\\]/.test(filter.text)) return `"${filter.text}"`;
  if (filter?.level && filter.level !== LOG_LEVELS[0]) return `{ $.level >= ${PINO_NUMBER[filter.level]} }`;
  return undefined;
}

export interface FilterPage {
  lines: LogLine[];
  nextToken?: string;
}

/** One FilterLogEvents call, retried while throttled. */
export async function filterPage(
  logs: CloudWatchLogsClient,
  input: FilterLogEventsCommandInput,
  backoff?: BackoffOptions,
): Promise<FilterPage> {
  const page = await withThrottlingRetry(() => logs.send(new FilterLogEventsCommand(input)), backoff);
  return {
    lines: (page.events ?? []).map(lineOfEvent),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
}

/** "A1:<newest timestamp ms>:<ids of the lines at that millisecond>": a resumed tail skips exactly those. */
export function encodeAwsCursor(newest: number, idsAtNewest: Iterable<string>): string {
  return `A1:${newest}:${[...idsAtNewest].join(",")}`;
}

export function decodeAwsCursor(cursor: string): { newest: number; ids: Set<string> } {
  const match = /^A1:(\d{1,16}):([A-Za-z0-9_,-]*)$/.exec(cursor);
  if (!match) throw new Error(`"${cursor.slice(0, 40)}" is not a CloudWatch log cursor`);
  return { newest: Number(match[1]), ids: new Set((match[2] ?? "").split(",").filter(Boolean)) };
}
