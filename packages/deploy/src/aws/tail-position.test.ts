// Where a CloudWatch tail stands (tail-position.ts): lines are delivered once even though polling re-reads
// the ingestion lag, and a cursor resumes after exactly what it names.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
import { describe, expect, it } from "vitest";
import { parseLogLine } from "../observe/log-parse.js";
import { INGESTION_LAG_MS, MAX_CURSOR_IDS, TailPosition } from "./tail-position.js";

const line = (id: string, time: number) =>
  parseLogLine(`{"time":${time},"msg":"${id}"}`, { id, task: "t", fallbackTime: new Date(time) });

describe("TailPosition", () => {
  it("delivers each line once, a late line within the lag too, and reads again from newest - lag", () => {
    const position = TailPosition.fromNow(1_000_000);
    expect(position.accept([line("a", 1_000_001), line("b", 1_000_005)]).map((l) => l.id)).toEqual([
      "a",
      "b",
    ]);
    expect(position.accept([line("a", 1_000_001), line("late", 1_000_002)]).map((l) => l.id)).toEqual([
      "late",
    ]);
    expect(position.readFrom()).toBe(1_000_000);
    position.accept([line("c", 1_000_000 + 2 * INGESTION_LAG_MS)]);
    expect(position.readFrom()).toBe(1_000_000 + INGESTION_LAG_MS);
    expect(position.accept([line("too late", 1_000_003)])).toEqual([]);
  });

  it("resumes after its cursor: the lines at its millisecond it named are skipped, the others delivered", () => {
    const position = TailPosition.fromNow(0);
    position.accept([line("x", 500), line("y", 500)]);
    const resumed = TailPosition.fromCursor(position.cursor());
    expect(
      resumed.accept([line("x", 500), line("y", 500), line("z", 500), line("old", 499)]).map((l) => l.id),
    ).toEqual(["z"]);
  });

  it("names at most MAX_CURSOR_IDS ids in a cursor (the rest come again, never lost)", () => {
    const position = TailPosition.fromNow(0);
    position.accept(Array.from({ length: MAX_CURSOR_IDS + 10 }, (_, i) => line(`id${i}`, 7)));
    const resumed = TailPosition.fromCursor(position.cursor());
    const again = resumed.accept(Array.from({ length: MAX_CURSOR_IDS + 10 }, (_, i) => line(`id${i}`, 7)));
    expect(again).toHaveLength(10);
  });
});
