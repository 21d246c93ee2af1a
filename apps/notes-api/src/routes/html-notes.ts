// The server-rendered UI. Every change is a CSRF-checked POST answered with 303 (POST/redirect/GET), so a
// reload never repeats it; a validation error re-renders the form with the user's text and the message.
// Forms posted from an older page of the list carry its cursor as `from`, so the user lands back there.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Pool } from "mysql2/promise";
import { decodeCursor, encodeCursor } from "../cursor.js";
import * as repo from "../db/notes-repo.js";
import { HttpError } from "../http-error.js";
import { errorsByField, fieldErrors, formUpdateInput, idParam, noteInput } from "../notes-schema.js";
import type { Html } from "../views/html.js";
import { type ListView, listPage } from "../views/list-page.js";
import { emptyForm, type FormState } from "../views/note-forms.js";
import { deletePage, editPage } from "../views/note-pages.js";
import { listUrl } from "../views/urls.js";
import { notFound, parseOr400 } from "./parse.js";
import { deletedNote, forgetDeleted, rememberDeleted } from "./undo-delete.js";

const HTML_PAGE_SIZE = 50;

function sendPage(reply: FastifyReply, page: Html, status = 200) {
  return reply
    .code(status)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(page.value);
}

/** What the user typed, as strings, so a rejected form comes back exactly as they left it. */
function typedValues(body: unknown): FormState["values"] {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return { title: str(b.title), description: str(b.description) };
}

/**
 * A cursor we issued, re-encoded (base64url decoding skips stray characters, so the raw text must never
 * reach a Location header or a link), or undefined for "the first page".
 */
function canonicalCursor(value: unknown): string | undefined {
  const id = typeof value === "string" ? decodeCursor(value) : undefined;
  return id === undefined ? undefined : encodeCursor(id);
}

function fromOf(source: unknown): string | undefined {
  return canonicalCursor((source as { from?: unknown } | undefined)?.from);
}

interface ListOptions {
  cursor?: string | undefined;
  form?: FormState;
  editId?: number | undefined;
  showUndo?: boolean;
  status?: number;
}

async function renderList(pool: Pool, request: FastifyRequest, reply: FastifyReply, o: ListOptions) {
  const before = o.cursor === undefined ? undefined : decodeCursor(o.cursor);
  if (o.cursor !== undefined && before === undefined) throw new HttpError(400, "That page link is not valid");
  const cursor = before === undefined ? undefined : encodeCursor(before);
  const page = await repo.listNotes(pool, HTML_PAGE_SIZE, before);
  const editing = o.editId === undefined ? undefined : page.notes.find((n) => n.id === o.editId);
  // The note is no longer on this page (newer notes pushed it down): edit it on its own page instead.
  if (o.editId !== undefined && !editing)
    return reply.redirect(`/notes/${o.editId}/edit${cursor ? `?from=${cursor}` : ""}`, 303);
  const deleted = o.showUndo ? deletedNote(request) : undefined;
  const view: ListView = {
    notes: page.notes,
    cursor,
    nextCursor: page.lastId ? encodeCursor(page.lastId) : undefined,
    form: o.form ?? emptyForm,
    csrf: reply.generateCsrf(),
    ...(editing && {
      editing: {
        id: editing.id,
        form: { values: { title: editing.title, description: editing.description }, errors: {} },
      },
    }),
    ...(deleted && { deleted: { title: deleted.title } }),
  };
  return sendPage(reply, listPage(view), o.status);
}

export function registerHtmlRoutes(root: FastifyInstance, pool: Pool): void {
  root.register(async (app) => routes(app, pool));
}

function routes(app: FastifyInstance, pool: Pool): void {
  // Encapsulated: this hook guards the UI's POSTs only; the JSON API has its own cross-site checks.
  app.addHook("preHandler", (request, reply, done) => {
    if (request.method === "POST") return app.csrfProtection(request, reply, done);
    done();
  });

  app.get("/", async (request, reply) => {
    const query = request.query as { cursor?: unknown; edit?: unknown; deleted?: unknown };
    const editId = query.edit === undefined ? undefined : parseOr400(idParam, { id: query.edit }).id;
    return renderList(pool, request, reply, {
      cursor: typeof query.cursor === "string" ? query.cursor : undefined,
      editId,
      showUndo: query.deleted === "1",
    });
  });

  app.post("/notes", async (request, reply) => {
    const parsed = noteInput.safeParse(request.body ?? {});
    if (!parsed.success) {
      const form = { values: typedValues(request.body), errors: errorsByField(fieldErrors(parsed.error)) };
      return renderList(pool, request, reply, { form, status: 422 });
    }
    const note = await repo.createNote(pool, parsed.data);
    return reply.redirect(`/#note-${note.id}`, 303);
  });

  app.post("/notes/restore", async (request, reply) => {
    const deleted = deletedNote(request);
    if (!deleted)
      throw new HttpError(
        410,
        "A deleted note can be brought back for 10 minutes, from the browser that deleted it, once.",
      );
    const note = await repo.createNote(pool, deleted);
    if (deleted.done) await repo.toggleNote(pool, note.id);
    forgetDeleted(reply);
    return reply.redirect(`/#note-${note.id}`, 303);
  });

  registerEditRoutes(app, pool);
  registerDeleteAndToggleRoutes(app, pool);
}

function registerEditRoutes(app: FastifyInstance, pool: Pool): void {
  app.get("/notes/:id/edit", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    const note = await repo.getNote(pool, id);
    if (!note) throw notFound(id);
    const form = { values: { title: note.title, description: note.description }, errors: {} };
    const from = fromOf(request.query);
    return sendPage(reply, editPage({ id, version: note.version, form, from, csrf: reply.generateCsrf() }));
  });

  app.post("/notes/:id", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    const values = typedValues(request.body);
    const from = fromOf(request.body);
    const parsed = formUpdateInput.safeParse(request.body ?? {});
    if (!parsed.success) {
      const current = await repo.getNote(pool, id);
      if (!current) throw notFound(id);
      const form = { values, errors: errorsByField(fieldErrors(parsed.error)) };
      const view = { id, version: current.version, form, from, csrf: reply.generateCsrf() };
      return sendPage(reply, editPage(view), 422);
    }
    const { version, ...input } = parsed.data;
    const result = await repo.updateNote(pool, id, input, version);
    if (result.kind === "missing") throw notFound(id);
    if (result.kind === "conflict") {
      // Re-arm the form with the current version so a second Save deliberately overwrites.
      const view = {
        id,
        version: result.current.version,
        form: { values, errors: {} },
        from,
        conflict: result.current,
      };
      return sendPage(reply, editPage({ ...view, csrf: reply.generateCsrf() }), 409);
    }
    return reply.redirect(listUrl(from, id), 303);
  });
}

function registerDeleteAndToggleRoutes(app: FastifyInstance, pool: Pool): void {
  app.get("/notes/:id/delete", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    const note = await repo.getNote(pool, id);
    if (!note) throw notFound(id);
    return sendPage(reply, deletePage(note, reply.generateCsrf(), fromOf(request.query)));
  });

  app.post("/notes/:id/delete", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    // Read first for the undo cookie. A save landing between the two queries is lost from the undo copy
    // only, never from the database's point of view (the row is gone either way).
    const note = await repo.getNote(pool, id);
    if (!note || !(await repo.deleteNote(pool, id))) throw notFound(id);
    rememberDeleted(reply, note);
    const from = fromOf(request.body);
    return reply.redirect(`${from ? `/?cursor=${from}&` : "/?"}deleted=1`, 303);
  });

  app.post("/notes/:id/toggle", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    if (!(await repo.toggleNote(pool, id))) throw notFound(id);
    return reply.redirect(listUrl(fromOf(request.body), id), 303);
  });
}
