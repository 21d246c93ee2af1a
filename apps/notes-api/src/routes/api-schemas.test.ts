import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import type { Note } from "../db/notes-repo.js";
import { noteSchema, oneNote } from "./api-schemas.js";

// Every field of a Note, typed: adding one to Note fails to compile here until it is added below too.
const note: Note = {
  id: 7,
  title: 'Quotes " and <tags> & ünïcödé 🎉',
  description: "line\nbreak\u2028",
  done: true,
  version: 3,
  createdAt: "2026-11-28T10:00:00.000Z",
  updatedAt: "2026-11-28T10:00:01.500Z",
};

/** What Fastify's compiled serializer writes for `body` under the route options `opts`. */
async function served(opts: object, body: unknown, status = 200): Promise<string> {
  const app = Fastify();
  app.get("/", opts, async (_request, reply) => reply.code(status).send(body));
  const res = await app.inject({ url: "/" });
  await app.close();
  return res.body;
}

describe("JSON API response schemas", () => {
  it("list every field of a Note, so the compiled serializer drops none of them", () => {
    expect(Object.keys(noteSchema.properties).sort()).toEqual(Object.keys(note).sort());
  });

  it("write what JSON.stringify writes, escapes included", async () => {
    expect(await served(oneNote(201), note, 201)).toBe(JSON.stringify(note));
    expect(await served(oneNote(200), { ...note, done: false })).toBe(
      JSON.stringify({ ...note, done: false }),
    );
  });
});
