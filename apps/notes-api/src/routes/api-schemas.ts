// Response schema of the JSON API's single-note replies. Fastify compiles it into a serializer
// (fast-json-stringify) at start: a little faster than JSON.stringify for one note, and a contract: a field
// reaches a client only if it is listed here. The list has none: for a page of 50 the compiled serializer
// made more garbage and cost more CPU than JSON.stringify (bench/notes-api-profile.md); toNote is its
// contract. api-schemas.test.ts fails when a field of Note is missing here.
const isoTimestamp = { type: "string" } as const;

export const noteSchema = {
  type: "object",
  properties: {
    id: { type: "integer" },
    title: { type: "string" },
    description: { type: "string" },
    done: { type: "boolean" },
    version: { type: "integer" },
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
  },
  required: ["id", "title", "description", "done", "version", "createdAt", "updatedAt"],
} as const;

export const oneNote = (status: 200 | 201) => ({ schema: { response: { [status]: noteSchema } } });
