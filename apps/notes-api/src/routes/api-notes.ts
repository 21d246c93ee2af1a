// JSON API under /api/notes. Update is optimistic (409 with both versions instead of a silent lost update).
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Pool } from "mysql2/promise";
import { decodeCursor, encodeCursor } from "../cursor.js";
import * as repo from "../db/notes-repo.js";
import { HttpError } from "../http-error.js";
import { idParam, jsonUpdateInput, listQuery, noteInput } from "../notes-schema.js";
import { oneNote } from "./api-schemas.js";
import { notFound, parseOr400 } from "./parse.js";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The origin the request was addressed to: the scheme the (trusted) proxy saw, and Host with its port. */
function ownOrigin(request: FastifyRequest): string | null {
  const candidate = `${request.protocol}://${request.headers.host ?? ""}`;
  return URL.canParse(candidate) ? new URL(candidate).origin : null;
}

// The API has no cookies to protect, but a browser on another site could still make a user's browser call it.
// Browsers always send Origin on such requests; its full origin (scheme, host and port) must be this one's.
// And a browser cannot send Content-Type: application/json cross-site without a CORS preflight (which we
// never grant), so every write that may carry a body must say JSON, even an empty one: a bodyless POST
// without a type is a "simple request" any page can send.
// https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS#simple_requests
function rejectCrossSite(request: FastifyRequest): void {
  if (!UNSAFE.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && (!URL.canParse(origin) || new URL(origin).origin !== ownOrigin(request))) {
    throw new HttpError(403, "Cross-site requests are not allowed");
  }
  const type = request.headers["content-type"];
  const needsType = WITH_BODY.has(request.method);
  if ((type === undefined && needsType) || (type !== undefined && !JSON_TYPE.test(type))) {
    throw new HttpError(415, "Send JSON with Content-Type: application/json");
  }
}

export function registerApiRoutes(app: FastifyInstance, pool: Pool): void {
  app.register(
    async (api) => {
      api.addHook("preValidation", async (request) => rejectCrossSite(request));

      // No response schema: for a page of 50, fast-json-stringify builds the body from many small strings that
      // must then be joined, and took 15 % more CPU per request than JSON.stringify (bench/notes-api-profile.md).
      api.get("/", async (request) => {
        const query = parseOr400(listQuery, request.query);
        const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        if (query.cursor !== undefined && before === undefined) {
          throw new HttpError(400, "cursor is not one this API issued", {
            fields: [{ field: "cursor", message: "unknown cursor" }],
          });
        }
        const page = await repo.listNotes(pool, query.limit, before);
        return { notes: page.notes, nextCursor: page.lastId ? encodeCursor(page.lastId) : null };
      });

      api.get("/:id", oneNote(200), async (request) => {
        const { id } = parseOr400(idParam, request.params);
        const note = await repo.getNote(pool, id);
        if (!note) throw notFound(id);
        return note;
      });

      api.post("/", oneNote(201), async (request, reply) => {
        const input = parseOr400(noteInput, request.body);
        const note = await repo.createNote(pool, input);
        return reply.code(201).header("location", `/api/notes/${note.id}`).send(note);
      });

      api.put("/:id", oneNote(200), async (request) => {
        const { id } = parseOr400(idParam, request.params);
        const { version, ...input } = parseOr400(jsonUpdateInput, request.body);
        const result = await repo.updateNote(pool, id, input, version);
        if (result.kind === "missing") throw notFound(id);
        if (result.kind === "conflict") {
          throw new HttpError(409, "Someone else changed this note since you read it", {
            details: { current: result.current, yours: { ...input, version } },
          });
        }
        return result.note;
      });

      api.delete("/:id", async (request, reply) => {
        const { id } = parseOr400(idParam, request.params);
        if (!(await repo.deleteNote(pool, id))) throw notFound(id);
        return reply.code(204).send();
      });

      api.post("/:id/toggle", oneNote(200), async (request) => {
        const { id } = parseOr400(idParam, request.params);
        const note = await repo.toggleNote(pool, id);
        if (!note) throw notFound(id);
        return note;
      });
    },
    { prefix: "/api/notes" },
  );
}
