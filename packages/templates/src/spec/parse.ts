// Parsing entry points. Never throws on any input: every problem comes back as a field error whose path
// is the dotted path of the field in the spec ("network.publicSubnets.1").
import { type EnvironmentSpec, type EnvironmentSpecInput, environmentSpecSchema } from "./schema.js";

export interface SpecFieldError {
  /** Dotted path of the field, "" for the spec as a whole. */
  path: string;
  message: string;
}

export type SpecParseResult = { ok: true; spec: EnvironmentSpec } | { ok: false; errors: SpecFieldError[] };

export function parseEnvironmentSpec(input: unknown): SpecParseResult {
  const result = environmentSpecSchema.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  const errors = result.error.issues.flatMap((issue): SpecFieldError[] => {
    const path = issue.path.map(String);
    // One error per unknown key, at the key itself, so a typo shows up where it was made.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...path, key].join("."),
        message: "unknown field (a typo?)",
      }));
    }
    const notAnObject = path.length === 0 && issue.code === "invalid_type";
    return [{ path: path.join("."), message: notAnObject ? "must be a JSON object" : issue.message }];
  });
  return { ok: false, errors };
}

export class InvalidSpecError extends Error {
  constructor(readonly errors: SpecFieldError[]) {
    super(`invalid environment spec: ${errors.map((e) => `${e.path || "(spec)"}: ${e.message}`).join("; ")}`);
    this.name = "InvalidSpecError";
  }
}

/** Like parseEnvironmentSpec, for callers that treat a bad spec as a programming error. */
export function resolveSpec(input: EnvironmentSpecInput | unknown): EnvironmentSpec {
  const result = parseEnvironmentSpec(input);
  if (!result.ok) throw new InvalidSpecError(result.errors);
  return result.spec;
}

/** The seed's environment with every default filled in (plain HTTP, no domain, bastion over SSM). */
export function defaultSpec(): EnvironmentSpec {
  return resolveSpec({});
}

/** A complete example a user can start from: a domain with certbot TLS. */
export function exampleSpec(): EnvironmentSpec {
  return resolveSpec({
    name: "notes-prod",
    region: "us-east-1",
    edge: { domain: "notes.example.com", tls: "certbot", certbotEmail: "ops@example.com" },
  });
}
