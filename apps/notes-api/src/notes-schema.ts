// Every rule about what a note may contain lives here; the HTML forms and the JSON API both import it.
import { z } from "zod";
import type { FieldError } from "./http-error.js";

export const TITLE_MAX = 64;
export const DESCRIPTION_MAX = 120;

// Lengths count characters (code points) as the VARCHAR columns do, not UTF-16 units.
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .refine((s) => [...s].length <= max, `${label} must be at most ${max} characters`);

export const noteInput = z.object({
  title: text("Title", TITLE_MAX),
  description: text("Description", DESCRIPTION_MAX),
});
export type NoteInput = z.infer<typeof noteInput>;

const version = z.number({ error: "version is required (the version you last saw)" }).int().min(1);

export const jsonUpdateInput = noteInput.extend({ version });
// HTML forms send strings; the version travels in a hidden field.
export const formUpdateInput = noteInput.extend({
  version: z.string().regex(/^\d+$/, "version is missing").transform(Number).pipe(version),
});

export const idParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "must be a positive integer")
    .transform(Number),
});

export const listQuery = z.object({
  limit: z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be at least 1").max(100, "must be at most 100"))
    .default(20),
  cursor: z.string().max(64).optional(),
});

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ field: String(issue.path[0] ?? "body"), message: issue.message }));
}

/** First message per field, for putting beside form inputs. */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}
