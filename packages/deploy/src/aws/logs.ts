// The AWS target's `logs` capability: the app's CloudWatch log group. Live lines come from a StartLiveTail
// session where the API answers (it streams events as they are ingested, one session however many
// viewers, for up to 3 hours), else from FilterLogEvents every few seconds. Both feed one TailPosition,
// which drops lines already delivered, so falling back or resuming repeats nothing.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import {
  type CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  StartLiveTailCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { type BackoffOptions, backoffDelay, sleepUnlessAborted, withThrottlingRetry } from "../backoff.js";
import type { StackRef } from "../driver.js";
import { matchesFilter } from "../observe/log-parse.js";
import type { LogBatch, LogLine, LogPage, LogQuery, LogReader } from "../observe/logs.js";
import {
  filterPage,
  filterPattern,
  findLogGroup,
  type LogGroup,
  lineOfEvent,
  STREAM_PREFIX,
} from "./log-events.js";
import { TailPosition } from "./tail-position.js";

export interface AwsLogReaderOptions {
  logs: CloudWatchLogsClient;
  cfn: CloudFormationClient;
  backoff?: BackoffOptions;
  /** FilterLogEvents polling interval. Default 3 s (the API allows 5 calls per second per account and Region). */
  pollMs?: number;
  /** False: poll only (an endpoint without StartLiveTail, e.g. an emulator). Default: try it first. */
  liveTail?: boolean;
}

/** A history read without `since` looks this far back from `until`. */
const DEFAULT_WINDOW_MS = 60 * 60 * 1000;
/** After Live Tail was refused, poll this long before trying it again. */
const LIVE_TAIL_RETRY_MS = 10 * 60 * 1000;
/** Every history read (each filter change) asks for the task list: DescribeLogStreams once a minute is enough. */
const TASKS_TTL_MS = 60_000;
/** At most this many FilterLogEvents pages per history read or polling round. */
const MAX_PAGES = 10;

export class AwsLogReader implements LogReader {
  private readonly groups = new Map<string, LogGroup>();
  private readonly taskLists = new Map<string, { at: number; tasks: string[] }>();
  /** When Live Tail was last refused (no permission, an endpoint without it); polling until retried. */
  private liveTailRefusedAt = 0;

  constructor(private readonly options: AwsLogReaderOptions) {}

  async read(stack: StackRef, query: LogQuery): Promise<LogPage> {
    const group = await this.group(stack);
    if (!group) return { lines: [], hasOlder: false };
    const until = query.until ?? new Date();
    const since = query.since ?? new Date(until.getTime() - DEFAULT_WINDOW_MS);
    const pattern = filterPattern(query.filter);
    const lines: LogLine[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await filterPage(
        this.options.logs,
        {
          logGroupName: group.name,
          startTime: since.getTime(),
          endTime: until.getTime(),
          ...(pattern ? { filterPattern: pattern } : {}),
          ...(query.filter?.task ? { logStreamNames: [`${STREAM_PREFIX}${query.filter.task}`] } : {}),
          ...(nextToken ? { nextToken } : {}),
        },
        this.options.backoff,
      );
      lines.push(...page.lines.filter((line) => matchesFilter(line, query.filter)));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < MAX_PAGES);
    lines.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    const truncated = Boolean(nextToken) || lines.length > query.limit;
    return {
      lines: lines.slice(Math.max(lines.length - query.limit, 0)),
      // Without `since`, lines before the window may exist: offer them once this window had any.
      hasOlder: truncated || (!query.since && lines.length > 0),
    };
  }

  /** The 50 streams written to last (tasks come and go with deployments); remembered for TASKS_TTL_MS. */
  async tasks(stack: StackRef): Promise<string[]> {
    const group = await this.group(stack);
    if (!group) return [];
    const known = this.taskLists.get(group.name);
    if (known && Date.now() - known.at < TASKS_TTL_MS) return known.tasks;
    const page = await withThrottlingRetry(
      () =>
        this.options.logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: group.name,
            orderBy: "LastEventTime",
            descending: true,
            limit: 50,
          }),
        ),
      this.options.backoff,
    );
    const tasks = (page.logStreams ?? [])
      .map((s) => s.logStreamName ?? "")
      .filter((name) => name.startsWith(STREAM_PREFIX))
      .map((name) => name.slice(STREAM_PREFIX.length));
    this.taskLists.set(group.name, { at: Date.now(), tasks });
    return tasks;
  }

  async *tail(stack: StackRef, options: { cursor?: string; signal: AbortSignal }): AsyncIterable<LogBatch> {
    const position = options.cursor ? TailPosition.fromCursor(options.cursor) : TailPosition.fromNow();
    // The first batch comes at once: from now, where the tail starts; from a cursor, what came since.
    const resumeGroup = options.cursor ? await this.group(stack) : null;
    yield { lines: resumeGroup ? await this.poll(resumeGroup, position) : [], cursor: position.cursor() };
    let attempt = 0;
    while (!options.signal.aborted) {
      const group = await this.group(stack).catch(() => null);
      if (group && this.liveTailAllowed()) {
        try {
          for await (const lines of this.liveTail(group, position, options.signal)) {
            attempt = 0;
            if (lines.length > 0) yield { lines, cursor: position.cursor() };
          }
          continue; // the session timed out (3 h): start another
        } catch (error) {
          if (options.signal.aborted) return;
          if (liveTailUnsupported(error)) {
            this.liveTailRefusedAt = Date.now();
            continue; // poll at once
          }
        }
      } else if (group) {
        try {
          const lines = await this.poll(group, position);
          attempt = 0;
          if (lines.length > 0) yield { lines, cursor: position.cursor() };
          await sleepUnlessAborted(this.options.pollMs ?? 3_000, options.signal);
          continue;
        } catch {
          // Throttled past the retries, or the network: back off below, then poll again.
        }
      }
      await sleepUnlessAborted(backoffDelay(attempt++, { baseMs: 1_000, maxMs: 30_000 }), options.signal);
    }
  }

  /** Live Tail unless told not to, or refused less than LIVE_TAIL_RETRY_MS ago (a policy may be fixed). */
  private liveTailAllowed(): boolean {
    return this.options.liveTail !== false && Date.now() - this.liveTailRefusedAt > LIVE_TAIL_RETRY_MS;
  }

  /** One polling round: every page since the position (less the ingestion lag), new lines only. */
  async poll(group: LogGroup, position: TailPosition): Promise<LogLine[]> {
    const fresh: LogLine[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    const startTime = position.readFrom();
    do {
      const page = await filterPage(
        this.options.logs,
        { logGroupName: group.name, startTime, ...(nextToken ? { nextToken } : {}) },
        this.options.backoff,
      );
      fresh.push(...position.accept(page.lines));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < MAX_PAGES);
    return fresh;
  }

  /** Batches from one Live Tail session; after sessionStart, one FilterLogEvents round closes any gap. */
  private async *liveTail(
    group: LogGroup,
    position: TailPosition,
    signal: AbortSignal,
  ): AsyncIterable<LogLine[]> {
    const response = await this.options.logs.send(
      new StartLiveTailCommand({ logGroupIdentifiers: [group.arn] }),
      { abortSignal: signal },
    );
    for await (const event of response.responseStream ?? []) {
      if (signal.aborted) return;
      if (event.sessionStart) yield await this.poll(group, position);
      if (event.sessionUpdate)
        yield position.accept((event.sessionUpdate.sessionResults ?? []).map(lineOfEvent));
      if (event.SessionTimeoutException) return;
      if (event.SessionStreamingException) throw event.SessionStreamingException;
    }
  }

  private async group(stack: StackRef): Promise<LogGroup | null> {
    const key = stack.stackId ?? stack.stackName;
    const known = this.groups.get(key);
    if (known) return known;
    const group = await findLogGroup(this.options.cfn, stack, this.options.backoff);
    if (group) this.groups.set(key, group);
    return group;
  }
}

/** Errors meaning this endpoint or identity has no Live Tail: polling is the way, not retrying. */
function liveTailUnsupported(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? "";
  return /UnknownOperation|NotImplemented|AccessDenied|InvalidOperation|UnrecognizedClient|NotFound|http2|HTTP\/2/i.test(
    `${name} ${(error as Error).message ?? ""}`,
  );
}
