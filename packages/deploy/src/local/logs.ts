// The sandbox's `logs` capability: the notes-api processes' output files (log-files.ts), read as history and
// followed live. The cursor records, per task, the file (its inode) and the byte offset read so far, so a
// tail resumed from it misses nothing and repeats nothing, across a rotation too (the old inode is then
// the .1 file: its rest is read before the new file).
import { type FSWatcher, watch } from "node:fs";
import { sleepUnlessAborted } from "../backoff.js";
import type { StackRef } from "../driver.js";
import { lineId, matchesFilter, parseLogLine } from "../observe/log-parse.js";
import type { LogBatch, LogLine, LogPage, LogQuery, LogReader } from "../observe/logs.js";
import { fileId, readLines, taskLogFiles } from "./log-files.js";
import { stackPaths } from "./paths.js";
import { StateStore } from "./state-store.js";

/** Without a file-change notification (a missed inotify event), look again this often. */
const FALLBACK_POLL_MS = 1_000;
/** History reads at most this much of each file (the newest part). */
const MAX_HISTORY_BYTES = 16 * 1024 * 1024;

type Positions = Map<string, { inode: number; offset: number }>;

/** "L1:" then task.inode.offset entries joined by "~" (task names are notes-api-<port>). */
function encodeCursor(positions: Positions): string {
  const parts = [...positions].map(([task, p]) => `${task}.${p.inode}.${p.offset}`);
  return `L1:${parts.join("~")}`;
}

export function decodeCursor(cursor: string): Positions {
  const positions: Positions = new Map();
  if (!cursor.startsWith("L1:")) throw new Error(`"${cursor.slice(0, 40)}" is not a local log cursor`);
  for (const part of cursor.slice(3).split("~").filter(Boolean)) {
    const match = /^(notes-api-\d+)\.(\d+)\.(\d+)$/.exec(part);
    if (!match) throw new Error(`"${part.slice(0, 40)}" is not a local log cursor entry`);
    positions.set(match[1] as string, { inode: Number(match[2]), offset: Number(match[3]) });
  }
  return positions;
}

function lineOf(task: string, inode: number, offset: number, text: string, now: Date): LogLine {
  return parseLogLine(text, { id: lineId(task, inode, offset), task, fallbackTime: now });
}

export class LocalLogReader implements LogReader {
  constructor(private readonly sandboxRoot: string) {}

  async tasks(stack: StackRef): Promise<string[]> {
    const dir = this.logsDir(stack);
    return dir ? taskLogFiles(dir).map((f) => f.task) : [];
  }

  async read(stack: StackRef, query: LogQuery): Promise<LogPage> {
    const dir = this.logsDir(stack);
    if (!dir) return { lines: [], hasOlder: false };
    const now = new Date();
    const matching: LogLine[] = [];
    for (const { task, path } of taskLogFiles(dir)) {
      if (query.filter?.task && query.filter.task !== task) continue;
      for (const file of [`${path}.1`, path]) {
        const id = fileId(file);
        if (!id) continue;
        // History reads the newest part of a file that grew past the cap (it is rotated at the next start).
        const from = Math.max(0, id.size - MAX_HISTORY_BYTES);
        const read = readLines(file, from, id.size).lines;
        if (from > 0) read.shift(); // the first line may start before `from`
        for (const { text, offset } of read) {
          const line = lineOf(task, id.inode, offset, text, now);
          if (query.since && line.timestamp < query.since) continue;
          if (query.until && line.timestamp > query.until) continue;
          if (matchesFilter(line, query.filter)) matching.push(line);
        }
      }
    }
    matching.sort(byTime);
    return {
      lines: matching.slice(Math.max(matching.length - query.limit, 0)),
      hasOlder: matching.length > query.limit,
    };
  }

  async *tail(stack: StackRef, options: { cursor?: string; signal: AbortSignal }): AsyncIterable<LogBatch> {
    const dir = this.logsDir(stack);
    if (!dir) {
      // Another environment's stack of the same name: nothing to show, ever.
      yield { lines: [], cursor: encodeCursor(new Map()) };
      await sleepUnlessAborted(2 ** 31 - 1, options.signal);
      return;
    }
    const positions = options.cursor ? decodeCursor(options.cursor) : this.endPositions(dir);
    const wake = changeNotifier(dir);
    try {
      // The first batch always comes at once, even empty: it says where the tail starts (a resume from it
      // misses nothing), and from a cursor it holds everything written since.
      let first = true;
      while (!options.signal.aborted) {
        const lines = this.readNew(dir, positions);
        if (lines.length > 0 || first) yield { lines, cursor: encodeCursor(positions) };
        first = false;
        await wake.next(FALLBACK_POLL_MS, options.signal);
      }
    } finally {
      wake.close();
    }
  }

  /** Lines written after `positions` (which move past them), oldest first. */
  private readNew(dir: string, positions: Positions): LogLine[] {
    const now = new Date();
    const lines: LogLine[] = [];
    for (const { task, path } of taskLogFiles(dir)) {
      const current = fileId(path);
      const known = positions.get(task);
      let from = known?.offset ?? 0;
      if (known && current && known.inode !== current.inode) {
        // Rotated since: the rest of the old file (now .1), then the new one from its start.
        const old = fileId(`${path}.1`);
        if (old?.inode === known.inode) {
          for (const l of readLines(`${path}.1`, known.offset).lines) {
            lines.push(lineOf(task, old.inode, l.offset, l.text, now));
          }
        }
        from = 0;
      }
      if (!current) continue;
      if (current.size < from) from = 0; // truncated by hand: start again
      const read = readLines(path, from);
      for (const l of read.lines) lines.push(lineOf(task, current.inode, l.offset, l.text, now));
      positions.set(task, { inode: current.inode, offset: read.end });
    }
    return lines.sort(byTime);
  }

  private endPositions(dir: string): Positions {
    const positions: Positions = new Map();
    for (const { task, path } of taskLogFiles(dir)) {
      const id = fileId(path);
      if (id) positions.set(task, { inode: id.inode, offset: id.size });
    }
    return positions;
  }

  /** The stack's logs folder, or null when the stack on disk belongs to another environment. */
  private logsDir(stack: StackRef): string | null {
    const paths = stackPaths(this.sandboxRoot, stack.stackName);
    const state = new StateStore(paths).read();
    if (state?.environmentId && state.environmentId !== stack.environmentId) return null;
    if (state && stack.stackId && state.stackId !== stack.stackId) return null;
    return paths.logs;
  }
}

const byTime = (a: LogLine, b: LogLine) => a.timestamp.getTime() - b.timestamp.getTime();

/** Resolves next() on a change in `dir` (inotify), or after `ms` anyway. */
function changeNotifier(dir: string) {
  let changed = false;
  let wakeUp: (() => void) | null = null;
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dir, () => {
      changed = true;
      wakeUp?.();
    });
    watcher.on("error", () => undefined);
  } catch {
    // No folder yet (the stack is being created): the fallback poll finds its files.
  }
  return {
    async next(ms: number, signal: AbortSignal): Promise<void> {
      if (changed || signal.aborted) {
        changed = false;
        return;
      }
      const controller = new AbortController();
      const abort = () => controller.abort();
      signal.addEventListener("abort", abort, { once: true });
      wakeUp = abort;
      await sleepUnlessAborted(ms, controller.signal);
      wakeUp = null;
      changed = false;
      signal.removeEventListener("abort", abort);
    },
    close: () => watcher?.close(),
  };
}
