// "Undo delete" without JavaScript or a soft-delete column: deleting a note from the UI leaves its text in
// a short-lived HttpOnly, SameSite=Strict cookie of the browser that deleted it, and the list page shows an
// Undo button while the cookie lives. Undo adds the note back (a new id, so it lands at the top) from the
// cookie. The cookie is client-held input, so it passes the same validation as a typed note; no URL or log
// line ever carries the note's text.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Note } from "../db/notes-repo.js";
import { noteInput } from "../notes-schema.js";

export const UNDO_COOKIE = "notes_undo";
const UNDO_SECONDS = 10 * 60;

export interface DeletedNote {
  title: string;
  description: string;
  done: boolean;
}

export function rememberDeleted(reply: FastifyReply, note: Note): void {
  const value = Buffer.from(
    JSON.stringify({ title: note.title, description: note.description, done: note.done }),
  ).toString("base64url");
  reply.setCookie(UNDO_COOKIE, value, {
    path: "/",
    httpOnly: true,
    sameSite: "strict",
    secure: "auto",
    maxAge: UNDO_SECONDS,
  });
}

/** The note the cookie holds, or undefined when there is none (expired, already undone) or it is not valid. */
export function deletedNote(request: FastifyRequest): DeletedNote | undefined {
  const raw = request.cookies[UNDO_COOKIE];
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, unknown>;
    const input = noteInput.safeParse(parsed);
    if (!input.success) return undefined;
    return { ...input.data, done: parsed.done === true };
  } catch {
    return undefined;
  }
}

export function forgetDeleted(reply: FastifyReply): void {
  reply.clearCookie(UNDO_COOKIE, { path: "/", httpOnly: true, sameSite: "strict", secure: "auto" });
}
