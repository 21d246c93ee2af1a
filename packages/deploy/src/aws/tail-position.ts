// Where a CloudWatch tail stands: the newest timestamp delivered and the ids of the lines delivered within
// the ingestion lag before it. Events can be ingested a few seconds after their timestamp (and out of
// order across streams), so each polling round reads again from `newest - LAG` and drops what it saw.
import type { LogLine } from "../observe/logs.js";
import { decodeAwsCursor, encodeAwsCursor } from "./log-events.js";

/** How late an event may be ingested after its timestamp and still be delivered by polling. */
export const INGESTION_LAG_MS = 10_000;
/** Ids a cursor names at most (a busy log can write hundreds of lines in one millisecond). */
export const MAX_CURSOR_IDS = 50;

export class TailPosition {
  private readonly seen = new Map<string, number>();

  private constructor(
    /** Lines older than this were delivered before (or predate the tail): never delivered again. */
    private floor: number,
    private newest: number,
  ) {}

  static fromNow(now = Date.now()): TailPosition {
    return new TailPosition(now, now);
  }

  /** After a cursor: lines newer than its timestamp, and those at its millisecond it did not name. */
  static fromCursor(cursor: string): TailPosition {
    const { newest, ids } = decodeAwsCursor(cursor);
    const position = new TailPosition(newest, newest);
    for (const id of ids) position.seen.set(id, newest);
    return position;
  }

  /** FilterLogEvents' startTime for the next round. */
  readFrom(): number {
    return Math.max(this.floor, this.newest - INGESTION_LAG_MS);
  }

  /** The lines not delivered yet, oldest first; they count as delivered from now on. */
  accept(lines: LogLine[]): LogLine[] {
    const fresh: LogLine[] = [];
    for (const line of lines) {
      const time = line.timestamp.getTime();
      if (time < this.floor || this.seen.has(line.id)) continue;
      this.seen.set(line.id, time);
      this.newest = Math.max(this.newest, time);
      fresh.push(line);
    }
    this.forgetBefore(this.newest - INGESTION_LAG_MS);
    return fresh.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  /**
   * The newest timestamp and the ids delivered at it, at most MAX_CURSOR_IDS of them: the cursor travels in
   * the SSE event id and back in a URL. A line left out is delivered again on resume (the browser drops it
   * by id), never lost.
   */
  cursor(): string {
    const atNewest = [...this.seen].filter(([, time]) => time === this.newest).map(([id]) => id);
    return encodeAwsCursor(this.newest, atNewest.slice(-MAX_CURSOR_IDS));
  }

  private forgetBefore(time: number): void {
    if (time <= this.floor) return;
    this.floor = time;
    for (const [id, seenAt] of this.seen) if (seenAt < time) this.seen.delete(id);
  }
}
