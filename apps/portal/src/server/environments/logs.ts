// environments.logs and environments.onLogs: the app's logs, from the target's `logs` capability (the
// sandbox's task output files locally, the CloudWatch log group on AWS). History is read on request; the
// live stream goes through one LogHub per portal process, so each environment is tailed once per process
// however many browsers watch it. The stream's event ids are the target's cursors: a reconnecting browser
// sends the last one back (lastEventId) and resumes without a gap.

import "server-only";
import type { PrismaClient } from "@stackyard/db";
import {
  type DeployDriver,
  type DeployTarget,
  LOG_LEVELS,
  type LogBatch,
  LogHub,
  type LogLine,
  type LogReader,
  matchesFilter,
  type StackRef,
  stackRefOf,
} from "@stackyard/deploy";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { driverFor as defaultDriverFor } from "../deploy-drivers";
import { logger } from "../logger";
import { environmentId } from "./inputs";

const logFilterInput = z.object({
  text: z.string().trim().max(200, "at most 200 characters").optional(),
  level: z.enum(LOG_LEVELS).optional(),
  task: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, "must be a task name from the task list")
    .optional(),
});

export const logsInput = z.object({
  id: environmentId,
  since: z.date().optional(),
  until: z.date().optional(),
  filter: logFilterInput.optional(),
  limit: z.number().int().min(1).max(1_000).default(200),
});

/** A cursor the targets hand out: "L1:" (sandbox files) or "A1:" (CloudWatch), never anything else. */
const logCursor = z
  .string()
  .max(8_192)
  .regex(/^(L1|A1):[A-Za-z0-9_.,~:-]*$/, "must be a log cursor from an earlier stream");

export const onLogsInput = z.object({
  id: environmentId,
  filter: logFilterInput.optional(),
  lastEventId: logCursor.nullish(),
});

export type LogsInput = z.infer<typeof logsInput>;
export type DriverFor = (target: DeployTarget, region: string) => DeployDriver;

export interface LogSource {
  reader: LogReader;
  stack: StackRef;
  /** The hub's key: one tail per stack of the environment (a re-created stack is a new tail). */
  key: string;
}

/** The environment's log reader, or why there is none (no such environment; a target without logs). */
export async function logSource(
  prisma: PrismaClient,
  id: string,
  driverFor: DriverFor = defaultDriverFor,
): Promise<LogSource | null> {
  const environment = await prisma.environment.findUnique({
    where: { id },
    select: { id: true, name: true, stackId: true, target: true, region: true },
  });
  if (!environment) throw new TRPCError({ code: "NOT_FOUND", message: "No environment with that id" });
  const reader = driverFor(environment.target as DeployTarget, environment.region).logs;
  if (!reader) return null;
  return { reader, stack: stackRefOf(environment), key: `${environment.id}:${environment.stackId ?? ""}` };
}

export interface LogsPage {
  lines: LogLine[];
  hasOlder: boolean;
  /** The tasks that have logs, for the task filter. */
  tasks: string[];
  /** False when the target keeps no logs the portal can read. */
  available: boolean;
}

export async function readLogs(
  prisma: PrismaClient,
  input: LogsInput,
  driverFor?: DriverFor,
): Promise<LogsPage> {
  const source = await logSource(prisma, input.id, driverFor);
  if (!source) return { lines: [], hasOlder: false, tasks: [], available: false };
  if (input.since && input.until && input.since > input.until) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "since must not be after until" });
  }
  try {
    const [page, tasks] = await Promise.all([
      source.reader.read(source.stack, {
        limit: input.limit,
        ...(input.since ? { since: input.since } : {}),
        ...(input.until ? { until: input.until } : {}),
        ...(input.filter ? { filter: input.filter } : {}),
      }),
      source.reader.tasks(source.stack),
    ]);
    return { ...page, tasks, available: true };
  } catch (error) {
    throw readRefused(error);
  }
}

/** What AWS said, for the user: a missing permission or credentials, a log group that is gone. */
function readRefused(error: unknown): unknown {
  const name = (error as { name?: string }).name ?? "";
  if (name === "AccessDeniedException") {
    return new TRPCError({
      code: "FORBIDDEN",
      message:
        "The portal's AWS identity may not read this environment's logs (logs:FilterLogEvents, logs:DescribeLogStreams)",
    });
  }
  if (name === "ResourceNotFoundException") {
    return new TRPCError({
      code: "NOT_FOUND",
      message: "The environment's log group no longer exists on AWS",
    });
  }
  if (name === "CredentialsProviderError") {
    return new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "The portal has no AWS credentials to read logs with",
    });
  }
  return error;
}

const globalForLogs = globalThis as unknown as { stackyardLogHub?: LogHub };

/** This process's hub: one tail per environment, shared by every viewer of it. */
export function getLogHub(): LogHub {
  globalForLogs.stackyardLogHub ??= new LogHub({ logger });
  return globalForLogs.stackyardLogHub;
}

/**
 * One viewer's stream: batches of the lines matching its filter. The first batch may be empty: it says the
 * stream is live from that cursor (the browser then reads the history before it, and drops repeats by id).
 */
export async function* viewLogs(
  source: LogSource,
  input: z.infer<typeof onLogsInput>,
  signal: AbortSignal,
  hub: LogHub = getLogHub(),
): AsyncIterable<LogBatch> {
  const open = (cursor: string | undefined, tailSignal: AbortSignal) =>
    source.reader.tail(source.stack, { ...(cursor ? { cursor } : {}), signal: tailSignal });
  let first = true;
  for await (const batch of hub.subscribe(source.key, open, input.lastEventId ?? undefined, signal)) {
    const lines = batch.lines.filter((line) => matchesFilter(line, input.filter));
    if (lines.length === 0 && !first) continue;
    first = false;
    yield { lines, cursor: batch.cursor };
  }
}
