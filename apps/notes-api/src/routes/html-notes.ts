// The server-rendered UI. Every change is a CSRF-checked POST answered with 303 (POST/redirect/GET), so a
// reload never repeats it; a validation error re-renders the form with the user's text and the message.
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Pool } from "mysql2/promise";
import { decodeCursor, encodeCursor } from "../cursor.js";
import * as repo from "../db/notes-repo.js";
import { HttpError } from "../http-error.js";
import { errorsByField, fieldErrors, formUpdateInput, idParam, noteInput } from "../notes-schema.js";
import type { Html } from "../views/html.js";
import { emptyForm, type FormState } from "../views/note-forms.js";
import { deletePage, editPage, listPage } from "../views/pages.js";
import { notFound, parseOr400 } from "./parse.js";

export const HTML_PAGE_SIZE = 50;

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

async function renderList(
  pool: Pool,
  reply: FastifyReply,
  cursor: string | undefined,
  form: FormState,
  status = 200,
) {
  const before = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && before === undefined) throw new HttpError(400, "That page link is not valid");
  const page = await repo.listNotes(pool, HTML_PAGE_SIZE, before);
  const view = {
    notes: page.notes,
    nextCursor: page.lastId ? encodeCursor(page.lastId) : undefined,
    isFirstPage: before === undefined,
    form,
    csrf: reply.generateCsrf(),
  };
  return sendPage(reply, listPage(view), status);
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
    const { cursor } = request.query as { cursor?: unknown };
    return renderList(pool, reply, typeof cursor === "string" ? cursor : undefined, emptyForm);
  });

  app.post("/notes", async (request, reply) => {
    const parsed = noteInput.safeParse(request.body ?? {});
    if (!parsed.success) {
      const form = { values: typedValues(request.body), errors: errorsByField(fieldErrors(parsed.error)) };
      return renderList(pool, reply, undefined, form, 422);
    }
    const note = await repo.createNote(pool, parsed.data);
    return reply.redirect(`/#note-${note.id}`, 303);
  });

  app.get("/notes/:id/edit", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    const note = await repo.getNote(pool, id);
    if (!note) throw notFound(id);
    const form = { values: { title: note.title, description: note.description }, errors: {} };
    return sendPage(reply, editPage({ id, version: note.version, form, csrf: reply.generateCsrf() }));
  });

  app.post("/notes/:id", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    const values = typedValues(request.body);
    const parsed = formUpdateInput.safeParse(request.body ?? {});
    if (!parsed.success) {
      const current = await repo.getNote(pool, id);
      if (!current) throw notFound(id);
      const form = { values, errors: errorsByField(fieldErrors(parsed.error)) };
      return sendPage(
        reply,
        editPage({ id, version: current.version, form, csrf: reply.generateCsrf() }),
        422,
      );
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
        conflict: result.current,
      };
      return sendPage(reply, editPage({ ...view, csrf: reply.generateCsrf() }), 409);
    }
    return reply.redirect(`/#note-${id}`, 303);
  });

  app.get("/notes/:id/delete", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    const note = await repo.getNote(pool, id);
    if (!note) throw notFound(id);
    return sendPage(reply, deletePage(note, reply.generateCsrf()));
  });

  app.post("/notes/:id/delete", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    if (!(await repo.deleteNote(pool, id))) throw notFound(id);
    return reply.redirect("/", 303);
  });

  app.post("/notes/:id/toggle", async (request, reply) => {
    const { id } = parseOr400(idParam, request.params);
    if (!(await repo.toggleNote(pool, id))) throw notFound(id);
    return reply.redirect(`/#note-${id}`, 303);
  });
}
