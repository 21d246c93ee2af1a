// Inputs of the environments procedures. The spec itself stays `unknown` here on purpose: it is parsed
// by the shared schema (parseSpecOrThrow), whose errors carry field paths; a draft may hold anything a
// user typed, as long as it is a JSON object of sane size.
import { z } from "zod";
import { withoutDangerousKeys } from "../json-safety";
import { type EnvironmentStatus, STATUSES } from "./statuses";

const TARGETS = ["local", "aws"] as const;

export type { EnvironmentStatus };

const MAX_DRAFT_BYTES = 64 * 1024;

/**
 * What the wizard edits: a JSON object, possibly incomplete or invalid. Keys that superjson refuses to
 * send back (`__proto__`, `constructor`, `prototype`) are dropped, or the draft could never be read again.
 */
const draftSpec = z
  .record(z.string(), z.unknown(), { error: "must be a JSON object" })
  .refine((spec) => JSON.stringify(spec).length <= MAX_DRAFT_BYTES, "the spec is larger than 64 KiB")
  .transform((spec) => withoutDangerousKeys(spec));

export const environmentId = z.string().uuid({ error: "must be an environment id" });

/** The list shows at most this many environments, most recently updated first; the filters reach the rest. */
export const LIST_LIMIT = 500;

export const listInput = z
  .object({
    name: z.string().trim().max(128).optional(),
    statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
  })
  .default({});

export const saveDraftInput = z.object({
  id: environmentId.optional(),
  target: z.enum(TARGETS),
  spec: draftSpec,
});

/** A preview environment's deadline: a Date, or an ISO 8601 string from a client without superjson. */
export const expiresAtValue = z.coerce.date({ error: "must be a date and time, e.g. 2026-12-24T18:00:00Z" });

export const launchInput = z.object({
  draftId: environmentId.optional(),
  target: z.enum(TARGETS),
  spec: z.unknown().transform((spec) => withoutDangerousKeys(spec)),
  // The wizard makes one per launch attempt, so a double click or a retried request launches once.
  clientRequestToken: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "must be 8 to 64 letters, digits or -"),
  // Deleted by the portal at this time (environments/expiry.ts checks it is ahead, within 90 days).
  expiresAt: expiresAtValue.optional(),
});
