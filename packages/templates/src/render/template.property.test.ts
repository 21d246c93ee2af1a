// Any valid spec renders to a template that passes the checks and the resource schemas: the renderer
// never emits a broken template.
import fc from "fast-check";
import { expect, test } from "vitest";
import { checkTemplate } from "../checks/index.js";
import { parseEnvironmentSpec } from "../spec/parse.js";
import { resourceSchemaProblems } from "../testing/resource-schemas.test-helpers.js";
import { validSpecInput } from "../testing/spec-arbitrary.test-helpers.js";
import { renderTemplate } from "./template.js";

test("every valid spec renders a schema-valid template with no error findings", () => {
  fc.assert(
    fc.property(validSpecInput, (input) => {
      const rendered = renderTemplate(input);
      expect(checkTemplate(rendered.template).filter((f) => f.severity === "error")).toEqual([]);
      expect(resourceSchemaProblems(rendered.template)).toEqual([]);
    }),
    { numRuns: 200 },
  );
}, 60_000);

test("a resolved spec parses back to itself (what the portal stores is what it renders)", () => {
  fc.assert(
    fc.property(validSpecInput, (input) => {
      const first = parseEnvironmentSpec(input);
      if (!first.ok) throw new Error(JSON.stringify(first.errors));
      expect(parseEnvironmentSpec(JSON.parse(JSON.stringify(first.spec)))).toEqual(first);
    }),
    { numRuns: 500 },
  );
}, 60_000);
