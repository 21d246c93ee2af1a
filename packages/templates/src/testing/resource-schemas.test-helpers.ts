// Checks a template against the official CloudFormation resource schemas (@aws-cdk/aws-service-spec):
// resource types exist, property names exist, required properties are present and literal values have
// the schema's type. Intrinsic functions are accepted wherever a value may go.
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import type { PropertyType, SpecDatabase } from "@aws-cdk/service-spec-types";
import type { CfnTemplate } from "../render/cfn.js";

let database: SpecDatabase | undefined;
const db = () => {
  database ??= loadAwsServiceSpecSync();
  return database;
};

type Properties = Record<string, { required?: boolean; type: PropertyType }>;

const isIntrinsic = (value: unknown) =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  /^(Ref|Fn::.*)$/.test(Object.keys(value)[0] ?? "");

export function resourceSchemaProblems(template: CfnTemplate): string[] {
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const found = db().lookup("resource", "cloudFormationType", "equals", resource.Type);
    const schema = found[0];
    if (!schema) {
      problems.push(`${logicalId}: unknown resource type ${resource.Type}`);
      continue;
    }
    checkObject(
      `${logicalId}.Properties`,
      resource.Properties ?? {},
      schema.properties as Properties,
      problems,
    );
  }
  return problems;
}

function checkObject(path: string, value: unknown, properties: Properties, problems: string[]): void {
  if (isIntrinsic(value)) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(`${path}: expected an object`);
    return;
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) problems.push(`${path}.${name}: required property missing`);
  }
  for (const [name, child] of Object.entries(value)) {
    const property = properties[name];
    if (!property) problems.push(`${path}.${name}: no such property`);
    else checkValue(`${path}.${name}`, child, property.type, problems);
  }
}

function checkValue(path: string, value: unknown, type: PropertyType, problems: string[]): void {
  if (isIntrinsic(value)) return;
  const fail = (expected: string) =>
    problems.push(`${path}: expected ${expected}, got ${JSON.stringify(value)}`);
  switch (type.type) {
    case "string":
    case "date-time":
      if (typeof value !== "string") fail("a string");
      return;
    case "integer":
    case "number":
      if (typeof value !== "number") fail("a number");
      return;
    case "boolean":
      if (typeof value !== "boolean") fail("a boolean");
      return;
    case "json":
    case "null":
      return;
    case "tag":
      if (typeof value !== "object" || value === null || !("Key" in value) || !("Value" in value))
        fail("a tag");
      return;
    case "array":
      if (!Array.isArray(value)) fail("an array");
      else for (const [i, item] of value.entries()) checkValue(`${path}[${i}]`, item, type.element, problems);
      return;
    case "map":
      if (typeof value !== "object" || value === null) fail("a map");
      else for (const [k, v] of Object.entries(value)) checkValue(`${path}.${k}`, v, type.element, problems);
      return;
    case "union": {
      const attempts = type.types.map((option) => {
        const found: string[] = [];
        checkValue(path, value, option, found);
        return found;
      });
      if (!attempts.some((found) => found.length === 0)) problems.push(...(attempts[0] ?? []));
      return;
    }
    case "ref": {
      const definition = db().get("typeDefinition", type.reference);
      checkObject(path, value, definition.properties as Properties, problems);
      return;
    }
  }
}
