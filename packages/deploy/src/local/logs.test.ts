// The sandbox's log files read as history and followed live, on real files: a resumed tail neither misses
// nor repeats a line, across a rotation and a line still being written.
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StackRef } from "../driver.js";
import type { LogBatch } from "../observe/logs.js";
import { rotateLogIfLarge } from "./log-files.js";
import { decodeCursor, LocalLogReader } from "./logs.js";

const stack: StackRef = { stackName: "logs-unit", stackId: null, environmentId: "env-1" };
let root: string;
let logs: string;

const pino = (time: string, msg: string, extra = "") =>
  `{"level":30,"time":"${time}","pid":1,${extra}"msg":"${msg}"}\n`;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "stackyard-logs-"));
  logs = join(root, "logs-unit", "logs");
  mkdirSync(logs, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** The first batch of a tail from `cursor` (everything since it). */
async function firstBatch(reader: LocalLogReader, cursor?: string): Promise<LogBatch> {
  const controller = new AbortController();
  for await (const batch of reader.tail(stack, { cursor, signal: controller.signal })) {
    controller.abort();
    return batch;
  }
  throw new Error("the tail ended without a batch");
}

describe("LocalLogReader.read", () => {
  it("merges the tasks' lines by time and returns the newest `limit` matching the filter", async () => {
    writeFileSync(
      join(logs, "notes-api-20001.log"),
      pino("2026-12-07T01:00:01Z", "a") + pino("2026-12-07T01:00:03Z", "c"),
    );
    writeFileSync(
      join(logs, "notes-api-20002.log"),
      pino("2026-12-07T01:00:02Z", "b") + pino("2026-12-07T01:00:04Z", "d"),
    );
    writeFileSync(join(logs, "nginx.log"), "not a task's log\n");
    const reader = new LocalLogReader(root);
    const page = await reader.read(stack, { limit: 3 });
    expect(page.lines.map((l) => l.message)).toEqual(["b", "c", "d"]);
    expect(page.hasOlder).toBe(true);
    expect(await reader.tasks(stack)).toEqual(["notes-api-20001", "notes-api-20002"]);
    const one = await reader.read(stack, { limit: 10, filter: { task: "notes-api-20002" } });
    expect(one.lines.map((l) => l.message)).toEqual(["b", "d"]);
    const until = await reader.read(stack, { limit: 10, until: new Date("2026-12-07T01:00:02Z") });
    expect(until.lines.map((l) => l.message)).toEqual(["a", "b"]);
  });

  it("reads and tails nothing of a stack folder that another environment owns", async () => {
    writeFileSync(join(logs, "notes-api-20001.log"), pino("2026-12-07T01:00:01Z", "theirs"));
    writeFileSync(
      join(root, "logs-unit", "state.json"),
      JSON.stringify({ environmentId: "env-2", stackId: "s" }),
    );
    expect((await new LocalLogReader(root).read(stack, { limit: 10 })).lines).toEqual([]);
    appendFileSync(join(logs, "notes-api-20001.log"), pino("2026-12-07T01:00:02Z", "theirs too"));
    expect((await firstBatch(new LocalLogReader(root), "L1:notes-api-20001.1.0")).lines).toEqual([]);
  });
});

describe("LocalLogReader.tail", () => {
  it("resumes from a cursor with exactly the lines written since, across a rotation", async () => {
    const file = join(logs, "notes-api-20001.log");
    writeFileSync(file, pino("2026-12-07T01:00:01Z", "before"));
    const reader = new LocalLogReader(root);
    const start = await firstBatch(reader);
    expect(start.lines).toEqual([]);
    appendFileSync(file, pino("2026-12-07T01:00:02Z", "old file, after the cursor"));
    expect(rotateLogIfLarge(file, 10)).toBe(true);
    appendFileSync(file, pino("2026-12-07T01:00:03Z", "new file"));
    appendFileSync(join(logs, "notes-api-20002.log"), pino("2026-12-07T01:00:04Z", "a new task"));
    const resumed = await firstBatch(reader, start.cursor);
    expect(resumed.lines.map((l) => l.message)).toEqual([
      "old file, after the cursor",
      "new file",
      "a new task",
    ]);
    const again = await firstBatch(reader, resumed.cursor);
    expect(again.lines).toEqual([]);
  });

  it("delivers a line only once it is complete, and a new line promptly", async () => {
    const file = join(logs, "notes-api-20001.log");
    writeFileSync(file, "");
    const reader = new LocalLogReader(root);
    const controller = new AbortController();
    const seen: string[] = [];
    const tail = (async () => {
      for await (const batch of reader.tail(stack, { signal: controller.signal })) {
        seen.push(...batch.lines.map((l) => l.message));
        if (seen.length > 0) controller.abort();
      }
    })();
    appendFileSync(file, '{"level":30,"time":"2026-12-07T01:00:01Z","msg":"half');
    const started = Date.now();
    appendFileSync(file, ' a line"}\n');
    await tail;
    expect(seen).toEqual(["half a line"]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses a cursor that is not its own, naming it", () => {
    expect(() => decodeCursor("A1:123:")).toThrow(/not a local log cursor/);
    expect(() => decodeCursor("L1:../etc.1.2")).toThrow(/not a local log cursor entry/);
  });

  it("keeps the line ids of a file once it is rotated (the browser de-duplicates by id)", async () => {
    const file = join(logs, "notes-api-20001.log");
    writeFileSync(file, pino("2026-12-07T01:00:01Z", "kept"));
    const reader = new LocalLogReader(root);
    const before = (await reader.read(stack, { limit: 5 })).lines[0]?.id;
    renameSync(file, `${file}.1`);
    expect((await reader.read(stack, { limit: 5 })).lines[0]?.id).toBe(before);
  });
});
