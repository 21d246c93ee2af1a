// The engine logs through one pino logger that its host passes in (the portal's, with its level and
// fields), so every line is JSON on stdout with the same shape. Without one, a default at LOG_LEVEL.
import { type DestinationStream, type LoggerOptions, pino } from "pino";

export type Logger = pino.Logger;

/** Levels as words ("level":"warn"), not pino's numbers: the lines are read by people and by grep. */
export const logFormat: LoggerOptions = { formatters: { level: (label) => ({ level: label }) } };

export function defaultLogger(): Logger {
  return pino({ ...logFormat, level: process.env.LOG_LEVEL ?? "info", base: { component: "deploy" } });
}

/** For tests: every line, parsed, pushed onto `into`. */
export function collectingLogger(into: Record<string, unknown>[]): Logger {
  const stream: DestinationStream = { write: (line) => void into.push(JSON.parse(line)) };
  return pino({ ...logFormat, level: "debug" }, stream);
}

/** A message for a log line from anything thrown. */
export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
