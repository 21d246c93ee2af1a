// pino JSON lines → the fields the dashboard shows. notes-api logs one "request completed" line per request
// (apps/notes-api/src/app.ts) with reqId, req {method, url}, res {statusCode} and responseTime; anything
// else a process prints (a stack trace, a line from Node itself) is kept as a plain message.
import { createHash } from "node:crypto";
import { LOG_LEVELS, type LogFilter, type LogLevel, type LogLine } from "./logs.js";

// pino's numeric levels: https://getpino.io/#/docs/api?id=loggerlevels-object
const PINO_LEVELS: Record<number, LogLevel> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warn",
  50: "error",
  60: "fatal",
};

/** A raw line cut to this length: one runaway line must not fill the browser. */
export const MAX_RAW_CHARS = 16_384;

type Json = Record<string, unknown>;

function parseJson(raw: string): Json | null {
  if (!raw.startsWith("{")) return null;
  try {
    const value = JSON.parse(raw) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : undefined);
const obj = (value: unknown) => (value && typeof value === "object" ? (value as Json) : {});

function levelOf(value: unknown): LogLevel | null {
  if (typeof value === "number") return PINO_LEVELS[value] ?? null;
  return LOG_LEVELS.find((level) => level === value) ?? null;
}

function timeOf(value: unknown, fallback: Date): Date {
  if (typeof value !== "string" && typeof value !== "number") return fallback;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? fallback : time;
}

/** A stable id for a line: the same source, position and text always give the same id. */
export function lineId(...parts: (string | number)[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 16);
}

/**
 * One line → LogLine. `fallbackTime` is when the target received it (CloudWatch's timestamp, or the
 * time of the read locally): used when the line carries no time of its own.
 */
export function parseLogLine(raw: string, source: { id: string; task: string; fallbackTime: Date }): LogLine {
  const text = raw.length > MAX_RAW_CHARS ? `${raw.slice(0, MAX_RAW_CHARS)}…` : raw;
  const base = { id: source.id, task: source.task, raw: text };
  const json = parseJson(raw.trim());
  if (!json) return { ...base, timestamp: source.fallbackTime, level: null, message: text.trimEnd() };
  const req = obj(json.req);
  const res = obj(json.res);
  const err = obj(json.err);
  const message = str(json.msg) ?? str(err.message) ?? "";
  const line: LogLine = {
    ...base,
    timestamp: timeOf(json.time, source.fallbackTime),
    level: levelOf(json.level),
    message: err.message && message !== err.message ? `${message}: ${String(err.message)}` : message,
  };
  const requestId = str(json.reqId) ?? str(json.requestId);
  if (requestId) line.requestId = requestId;
  if (str(req.method)) line.method = str(req.method);
  if (str(req.url)) line.url = str(req.url);
  const status = num(res.statusCode);
  if (status !== undefined) line.status = status;
  const duration = num(json.responseTime);
  if (duration !== undefined) line.durationMs = Math.round(duration * 10) / 10;
  return line;
}

const rank = (level: LogLevel) => LOG_LEVELS.indexOf(level);

export function matchesFilter(line: LogLine, filter: LogFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.task && line.task !== filter.task) return false;
  if (filter.level && line.level && rank(line.level) < rank(filter.level)) return false;
  if (filter.text && !line.raw.toLowerCase().includes(filter.text.toLowerCase())) return false;
  return true;
}
