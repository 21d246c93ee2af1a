// Turns a zod failure into the one HttpError shape: 400 with the first message and the offending field.
import type { z } from "zod";
import { HttpError } from "../http-error.js";
import { fieldErrors } from "../notes-schema.js";

export function parseOr400<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  throw new HttpError(400, fields[0]?.message ?? "Invalid input", { fields });
}

export function notFound(id: number): HttpError {
  return new HttpError(404, `Note ${id} does not exist`);
}
