// The notes-api processes' output files: logs/notes-api-<port>.log per task (supervisor.ts appends stdout
// and stderr there), and its previous generation notes-api-<port>.log.1. A file over the cap is rotated
// when its task starts, so a stack keeps at most two generations per task.
import { closeSync, existsSync, openSync, readdirSync, readSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";

/** A task's log over this size is rotated when the task (re)starts. STACKYARD_TASK_LOG_MAX_BYTES overrides. */
const TASK_LOG_MAX_BYTES = 5 * 1024 * 1024;

const TASK_LOG = /^(notes-api-\d+)\.log$/;

function taskLogCap(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.STACKYARD_TASK_LOG_MAX_BYTES);
  return Number.isInteger(value) && value > 0 ? value : TASK_LOG_MAX_BYTES;
}

/** Keeps one previous generation: <file>.1 (an older .1 is replaced). */
export function rotateLogIfLarge(logFile: string, capBytes = taskLogCap()): boolean {
  try {
    if (statSync(logFile).size <= capBytes) return false;
  } catch {
    return false;
  }
  renameSync(logFile, `${logFile}.1`);
  return true;
}

export interface TaskLogFile {
  task: string;
  path: string;
}

/** The tasks that have a log in `logsDir` (current generation or previous), by task name. */
export function taskLogFiles(logsDir: string): TaskLogFile[] {
  let names: string[];
  try {
    names = readdirSync(logsDir);
  } catch {
    return [];
  }
  const tasks = new Set<string>();
  for (const name of names) {
    const match = TASK_LOG.exec(name.replace(/\.1$/, ""));
    if (match?.[1]) tasks.add(match[1]);
  }
  return [...tasks].sort().map((task) => ({ task, path: join(logsDir, `${task}.log`) }));
}

export interface FileId {
  inode: number;
  size: number;
}

export function fileId(path: string): FileId | null {
  try {
    const stat = statSync(path);
    return { inode: stat.ino, size: stat.size };
  } catch {
    return null;
  }
}

export interface ReadLine {
  text: string;
  /** Byte offset of the line's start in its file. */
  offset: number;
}

/**
 * Complete lines between `from` and the end of the file (at most `maxBytes`); the offset after the last
 * complete line is returned, so a line still being written is read whole next time.
 */
export function readLines(
  path: string,
  from: number,
  maxBytes = 8 * 1024 * 1024,
): { lines: ReadLine[]; end: number } {
  if (!existsSync(path)) return { lines: [], end: from };
  const fd = openSync(path, "r");
  try {
    const size = statSync(path).size;
    const length = Math.min(Math.max(size - from, 0), maxBytes);
    if (length === 0) return { lines: [], end: from };
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, from);
    const lastNewline = buffer.lastIndexOf(10, read - 1);
    // A line longer than the whole read is skipped rather than read forever.
    if (lastNewline < 0) return { lines: [], end: length === maxBytes ? from + length : from };
    const lines: ReadLine[] = [];
    let start = 0;
    while (start <= lastNewline) {
      const stop = buffer.indexOf(10, start);
      const text = buffer.toString("utf8", start, stop);
      if (text.trim()) lines.push({ text, offset: from + start });
      start = stop + 1;
    }
    return { lines, end: from + lastNewline + 1 };
  } finally {
    closeSync(fd);
  }
}
