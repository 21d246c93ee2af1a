// Errors that belong to form fields. A procedure throws TRPCError with a FieldErrors cause; the error
// formatter copies the list into `error.data.fieldErrors`, so the wizard can show each message beside
// the field it names (paths are the spec's dotted paths, e.g. "network.publicSubnets.1").
import "server-only";
import {
  type EnvironmentSpec,
  InvalidSpecError,
  parseEnvironmentSpec,
  type SpecFieldError,
} from "@stackyard/templates";
import { type TRPCDefaultErrorShape, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { publicMessage } from "./public-message";

export type { SpecFieldError };

class FieldErrors extends Error {
  constructor(readonly errors: SpecFieldError[]) {
    super(errors.map((e) => `${e.path || "(spec)"}: ${e.message}`).join("; "));
    this.name = "FieldErrors";
  }
}

/** A TRPCError the wizard can map onto its fields. */
export function fieldError(code: "BAD_REQUEST" | "CONFLICT", errors: SpecFieldError[], summary?: string) {
  const cause = new FieldErrors(errors);
  return new TRPCError({ code, message: summary ?? cause.message, cause });
}

/** Parses a spec with the shared schema, whatever the client sent; refuses with every field error. */
export function parseSpecOrThrow(input: unknown): EnvironmentSpec {
  const result = parseEnvironmentSpec(input);
  if (result.ok) return result.spec;
  throw fieldError("BAD_REQUEST", result.errors, `The spec has ${countLabel(result.errors.length)}`);
}

function countLabel(count: number) {
  return count === 1 ? "1 error" : `${count} errors`;
}

/** Field errors carried by an error's cause: ours, the templates package's, or a tRPC input's zod issues. */
export function fieldErrorsOf(cause: unknown): SpecFieldError[] | null {
  if (cause instanceof FieldErrors || cause instanceof InvalidSpecError) return cause.errors;
  if (cause instanceof ZodError) {
    return cause.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  }
  return null;
}

export function formatError({ shape, error }: { shape: TRPCDefaultErrorShape; error: TRPCError }) {
  // The stack only under `next dev`: tRPC would also send it whenever NODE_ENV is not "production".
  const { stack, ...data } = shape.data;
  return {
    ...shape,
    message: publicMessage(error),
    data: {
      ...data,
      ...(process.env.NODE_ENV === "development" ? { stack } : {}),
      fieldErrors: fieldErrorsOf(error.cause),
    },
  };
}
