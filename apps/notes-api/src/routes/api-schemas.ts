// Response schemas of the JSON API. Fastify compiles each into a serializer (fast-json-stringify) at start.
// On Node 24 that is no faster than JSON.stringify for a page of 50 notes and a little faster for one note
// (bench/notes-api-profile.md); what it buys is a contract: a column added to a query cannot leak into a
// response unless it is added here. Only 2xx bodies have one: errors keep the one handler's shape
// (error-handler.ts). api-schemas.test.ts fails when a field of Note is missing here.
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

export const notePageSchema = {
  type: "object",
  properties: {
    notes: { type: "array", items: noteSchema },
    nextCursor: { type: ["string", "null"] },
  },
  required: ["notes", "nextCursor"],
} as const;

export const oneNote = (status: 200 | 201) => ({ schema: { response: { [status]: noteSchema } } });
export const notePage = { schema: { response: { 200: notePageSchema } } };
