// The app's logs, for both targets: the `logs` capability of a DeployDriver. Locally the notes-api
// processes' output files (one per task); on AWS the environment's CloudWatch log group. Lines are pino
// JSON; each is parsed once into the fields the dashboard shows (log-parse.ts), with the raw text kept.
import type { StackRef } from "../stack-ref.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogLine {
  /** Stable across reads and portal processes: the same line always has the same id (de-duplication). */
  id: string;
  timestamp: Date;
  /** The task that wrote it: "notes-api-<port>" locally, the ECS task id on AWS. */
  task: string;
  level: LogLevel | null;
  message: string;
  requestId?: string;
  method?: string;
  url?: string;
  status?: number;
  durationMs?: number;
  /** The line as written (shown on demand). Never parsed again: it may be anything the process printed. */
  raw: string;
}

export interface LogFilter {
  /** Case-insensitive substring of the raw line (finds a request id, a URL, a message). */
  text?: string;
  /** The lowest level shown: "warn" shows warn, error and fatal. Lines that are not pino JSON always pass. */
  level?: LogLevel;
  task?: string;
}

export interface LogQuery {
  since?: Date;
  until?: Date;
  filter?: LogFilter;
  /** At most this many lines, the newest ones in the range. */
  limit: number;
}

export interface LogPage {
  /** Oldest first. */
  lines: LogLine[];
  /** True when older lines in the range were left out (by the limit or the target's read bounds). */
  hasOlder: boolean;
}

/** A batch of new lines and the cursor that resumes right after them. */
export interface LogBatch {
  lines: LogLine[];
  cursor: string;
}

export interface LogReader {
  /** A page of history: the newest `limit` lines in [since, until] matching the filter. */
  read(stack: StackRef, query: LogQuery): Promise<LogPage>;
  /**
   * New lines as they are written, from `cursor` (a LogBatch's cursor, resuming without a gap) or from now.
   * Ends when the signal aborts. One tail per environment is enough: the portal's LogHub fans it out.
   */
  tail(stack: StackRef, options: { cursor?: string; signal: AbortSignal }): AsyncIterable<LogBatch>;
  /** The tasks that have logs (for the task filter). */
  tasks(stack: StackRef): Promise<string[]>;
}
