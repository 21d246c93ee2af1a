// All SQL for notes. Values only ever travel as placeholders; the app pool refuses stacked statements.
import type { Pool, ResultSetHeader, RowDataPacket } from "mysql2/promise";
import type { NoteInput } from "../notes-schema.js";
import { QUERY_TIMEOUT_MS } from "./pool.js";

export interface Note {
  id: number;
  title: string;
  description: string;
  done: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface NoteRow extends RowDataPacket {
  id: number;
  title: string;
  description: string;
  done: number;
  version: number;
  /** DATETIME(3) in UTC as the server writes it, "2026-11-28 10:00:00.000" (the pool's dateStrings). */
  created_at: string;
  updated_at: string;
}

const COLUMNS = "id, title, description, done, version, created_at, updated_at";

function toNote(row: NoteRow): Note {
  return {
    id: Number(row.id),
    title: row.title,
    description: row.description,
    done: Boolean(row.done),
    version: row.version,
    createdAt: isoFromDatetime(row.created_at),
    updatedAt: isoFromDatetime(row.updated_at),
  };
}

/** "2026-11-28 10:00:00.000" → "2026-11-28T10:00:00.000Z", as Date#toISOString would write it. */
export function isoFromDatetime(value: string): string {
  if (value.length === 23 && value[10] === " ") return `${value.slice(0, 10)}T${value.slice(11)}Z`;
  return new Date(`${value.replace(" ", "T")}Z`).toISOString();
}

export interface NotePage {
  notes: Note[];
  /** Id to pass as the next page's "before" bound, or undefined on the last page. */
  lastId: number | undefined;
}

export async function listNotes(pool: Pool, limit: number, beforeId?: number): Promise<NotePage> {
  // Fetch one extra row to learn whether another page exists without a COUNT(*).
  const [rows] = await pool.query<NoteRow[]>({
    sql: `SELECT ${COLUMNS} FROM notes WHERE id < ? ORDER BY id DESC LIMIT ?`,
    values: [beforeId ?? Number.MAX_SAFE_INTEGER, limit + 1],
    timeout: QUERY_TIMEOUT_MS,
  });
  const notes = rows.slice(0, limit).map(toNote);
  return { notes, lastId: rows.length > limit ? notes.at(-1)?.id : undefined };
}

export async function getNote(pool: Pool, id: number): Promise<Note | undefined> {
  const [rows] = await pool.query<NoteRow[]>({
    sql: `SELECT ${COLUMNS} FROM notes WHERE id = ?`,
    values: [id],
    timeout: QUERY_TIMEOUT_MS,
  });
  return rows[0] ? toNote(rows[0]) : undefined;
}

/** "2026-11-28T10:00:00.000Z" → "2026-11-28 10:00:00.000": an instant as DATETIME(3) text in UTC. */
export function datetimeFromIso(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/**
 * One round trip: every column is written from here (the time from this process's clock, not the
 * database's default), so the note is known without reading it back. Reading it back was half of a
 * create's cost, in this process and in MariaDB (bench/notes-api.md, "Why create lagged").
 */
export async function createNote(pool: Pool, input: NoteInput, now = new Date()): Promise<Note> {
  const at = now.toISOString();
  const [result] = await pool.query<ResultSetHeader>({
    sql: "INSERT INTO notes (title, description, done, version, created_at, updated_at) VALUES (?, ?, FALSE, 1, ?, ?)",
    values: [input.title, input.description, datetimeFromIso(at), datetimeFromIso(at)],
    timeout: QUERY_TIMEOUT_MS,
  });
  const { title, description } = input;
  return {
    id: Number(result.insertId),
    title,
    description,
    done: false,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export type UpdateResult =
  | { kind: "updated"; note: Note }
  | { kind: "conflict"; current: Note }
  | { kind: "missing" };

/** Optimistic concurrency: the write only lands if nobody changed the note since `version`. */
export async function updateNote(
  pool: Pool,
  id: number,
  input: NoteInput,
  version: number,
): Promise<UpdateResult> {
  const [result] = await pool.query<ResultSetHeader>({
    sql: "UPDATE notes SET title = ?, description = ?, version = version + 1 WHERE id = ? AND version = ?",
    values: [input.title, input.description, id, version],
    timeout: QUERY_TIMEOUT_MS,
  });
  const note = await getNote(pool, id);
  if (!note) return { kind: "missing" };
  return result.affectedRows === 1 ? { kind: "updated", note } : { kind: "conflict", current: note };
}

export async function deleteNote(pool: Pool, id: number): Promise<boolean> {
  const [result] = await pool.query<ResultSetHeader>({
    sql: "DELETE FROM notes WHERE id = ?",
    values: [id],
    timeout: QUERY_TIMEOUT_MS,
  });
  return result.affectedRows === 1;
}

/**
 * Flips `done` in the database (never read-modify-write in the app), and reads the row back inside the same
 * transaction so the returned state is the one this toggle produced, not a later one.
 */
export async function toggleNote(pool: Pool, id: number): Promise<Note | undefined> {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.query({
      sql: "UPDATE notes SET done = NOT done, version = version + 1 WHERE id = ?",
      values: [id],
      timeout: QUERY_TIMEOUT_MS,
    });
    const [rows] = await conn.query<NoteRow[]>({
      sql: `SELECT ${COLUMNS} FROM notes WHERE id = ?`,
      values: [id],
      timeout: QUERY_TIMEOUT_MS,
    });
    await conn.commit();
    return rows[0] ? toNote(rows[0]) : undefined;
  } catch (error) {
    await conn.rollback().catch(() => undefined);
    throw error;
  } finally {
    conn.release();
  }
}

export async function pingDatabase(pool: Pool, timeoutMs: number): Promise<void> {
  await pool.query({ sql: "SELECT 1", timeout: timeoutMs });
}
