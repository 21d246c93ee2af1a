// One tail per environment in this process, however many viewers: the LogHub runs the target's tail once
// and fans its batches out. It keeps the recent batches, so a viewer that reconnects with the cursor of the
// last batch it saw resumes from the buffer exactly. A cursor the buffer does not hold (the portal restarted,
// another replica served it, or the viewer fell behind) is caught up from the target itself, once, then the
// viewer joins the shared stream; lines both paths return are dropped by id, so nothing is missed or
// repeated. Several portal replicas each run their own tail (one per replica, not one per viewer).
import { sleepUnlessAborted } from "../backoff.js";
import { defaultLogger, errorText, type Logger } from "../logger.js";
import type { LogBatch } from "./logs.js";

export type OpenTail = (cursor: string | undefined, signal: AbortSignal) => AsyncIterable<LogBatch>;

export interface LogHubOptions {
  /** Where a failed tail is reported (default: pino at LOG_LEVEL). */
  logger?: Logger;
  /** Lines kept for reconnecting viewers (whole batches, oldest dropped first). */
  bufferLines?: number;
  /** How long a tail outlives its last viewer (a page reload reconnects within it). */
  idleMs?: number;
  /** Wait before restarting a tail that failed (it restarts from its last cursor). */
  retryMs?: number;
}

interface Entry {
  controller: AbortController;
  /** batches[i] has the absolute sequence number base + i. */
  batches: LogBatch[];
  base: number;
  lines: number;
  /** The cursor before the first buffered batch; null until the tail reported where it starts. */
  startCursor: string | null;
  viewers: number;
  idleTimer?: NodeJS.Timeout;
  waiters: Set<() => void>;
}

export class LogHub {
  private readonly entries = new Map<string, Entry>();
  /** Tails started so far (the benchmark and tests count them). */
  tailsStarted = 0;

  private readonly logger: Logger;

  constructor(private readonly options: LogHubOptions = {}) {
    this.logger = options.logger ?? defaultLogger();
  }

  /** Whether `key` has a tail running (its last viewer left less than idleMs ago, or some viewer is on). */
  isTailing(key: string): boolean {
    return this.entries.has(key);
  }

  /** Viewers of `key` now (tests and the benchmark). */
  viewers(key: string): number {
    return this.entries.get(key)?.viewers ?? 0;
  }

  /**
   * Batches for one viewer: from `after` (a batch cursor it saw) or, without one, an empty batch carrying
   * the current cursor (the moment from which it sees every line) followed by new batches.
   */
  async *subscribe(
    key: string,
    open: OpenTail,
    after: string | undefined,
    signal: AbortSignal,
  ): AsyncIterable<LogBatch> {
    const entry = this.join(key, open);
    try {
      await this.until(entry, () => entry.startCursor !== null, signal);
      let next = after === undefined ? entry.base + entry.batches.length : this.positionAfter(entry, after);
      let seen = new Set<string>();
      // The cursor this viewer stands at: a catch-up (below) reads from it, so a lagging viewer loses nothing.
      let cursor = after ?? this.currentCursor(entry);
      if (after === undefined) yield { lines: [], cursor };
      while (!signal.aborted && !entry.controller.signal.aborted) {
        if (next === -1 || next < entry.base) {
          // Not in the buffer (or trimmed while this viewer lagged): read from the target, then rejoin.
          next = entry.base + entry.batches.length;
          const caughtUp = await firstBatch(open, cursor, signal);
          if (!caughtUp) return;
          seen = new Set(caughtUp.lines.map((line) => line.id));
          cursor = caughtUp.cursor;
          yield caughtUp;
          continue;
        }
        // (A batch may be trimmed away while this viewer waits at a yield: then catch up, above.)
        while (next >= entry.base && next < entry.base + entry.batches.length) {
          const batch = entry.batches[next - entry.base] as LogBatch;
          next += 1;
          const fresh = batch.lines.filter((line) => !seen.has(line.id));
          // The shared tail has passed what the catch-up read once a batch repeats none of it.
          if (fresh.length === batch.lines.length) seen = new Set();
          cursor = batch.cursor;
          yield { lines: fresh, cursor };
        }
        if (next < entry.base) continue;
        await this.until(entry, () => next !== entry.base + entry.batches.length, signal);
      }
    } finally {
      this.leave(key, entry);
    }
  }

  /** Stops every tail (shutdown, tests). */
  close(): void {
    for (const [key, entry] of this.entries) this.stop(key, entry);
  }

  private join(key: string, open: OpenTail): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        controller: new AbortController(),
        batches: [],
        base: 0,
        lines: 0,
        startCursor: null,
        viewers: 0,
        waiters: new Set(),
      };
      this.entries.set(key, entry);
      void this.run(entry, open);
    }
    clearTimeout(entry.idleTimer);
    entry.viewers += 1;
    return entry;
  }

  private leave(key: string, entry: Entry): void {
    entry.viewers -= 1;
    if (entry.viewers > 0) return;
    entry.idleTimer = setTimeout(() => this.stop(key, entry), this.options.idleMs ?? 30_000);
    entry.idleTimer.unref?.();
  }

  private stop(key: string, entry: Entry): void {
    clearTimeout(entry.idleTimer);
    entry.controller.abort();
    if (this.entries.get(key) === entry) this.entries.delete(key);
    this.wake(entry);
  }

  /** The shared tail: restarted from its last cursor after a failure, so the buffer has no gap. */
  private async run(entry: Entry, open: OpenTail): Promise<void> {
    const signal = entry.controller.signal;
    while (!signal.aborted) {
      try {
        this.tailsStarted += 1;
        for await (const batch of open(this.currentCursor(entry) ?? undefined, signal)) {
          if (entry.startCursor === null) {
            entry.startCursor = batch.cursor;
            this.wake(entry);
          }
          // An empty batch only says where the tail is; the buffer needs lines.
          if (batch.lines.length > 0) this.push(entry, batch);
        }
      } catch (error) {
        this.logger.warn({ error: errorText(error) }, "log tail failed; restarting");
      }
      await sleepUnlessAborted(this.options.retryMs ?? 2_000, signal);
    }
  }

  private push(entry: Entry, batch: LogBatch): void {
    entry.batches.push(batch);
    entry.lines += batch.lines.length;
    const max = this.options.bufferLines ?? 5_000;
    while (entry.lines > max && entry.batches.length > 1) {
      const dropped = entry.batches.shift() as LogBatch;
      entry.lines -= dropped.lines.length;
      entry.base += 1;
      entry.startCursor = dropped.cursor;
    }
    this.wake(entry);
  }

  private currentCursor(entry: Entry): string {
    return entry.batches.at(-1)?.cursor ?? (entry.startCursor as string);
  }

  /** The sequence number after the batch whose cursor is `cursor`, or -1 when the buffer lacks it. */
  private positionAfter(entry: Entry, cursor: string): number {
    if (cursor === entry.startCursor) return entry.base;
    const index = entry.batches.findIndex((batch) => batch.cursor === cursor);
    return index === -1 ? -1 : entry.base + index + 1;
  }

  private wake(entry: Entry): void {
    for (const waiter of entry.waiters) waiter();
    entry.waiters.clear();
  }

  private async until(entry: Entry, ready: () => boolean, signal: AbortSignal): Promise<void> {
    while (!ready() && !signal.aborted && !entry.controller.signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          signal.removeEventListener("abort", done);
          resolve();
        };
        entry.waiters.add(done);
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }
}

/** The first batch of a private tail from `cursor`: everything written since it, up to now. */
async function firstBatch(
  open: OpenTail,
  cursor: string | undefined,
  signal: AbortSignal,
): Promise<LogBatch | null> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal.addEventListener("abort", abort, { once: true });
  try {
    for await (const batch of open(cursor, controller.signal)) return batch;
    return null;
  } finally {
    controller.abort();
    signal.removeEventListener("abort", abort);
  }
}
