// The replacement table as the official resource specification (@aws-cdk/aws-service-spec) states it:
// each top-level property's causesReplacement (absent means "no"). The generator script writes it to
// src/replacement/replacement-table.json; replacement-table.test.ts compares the two so they cannot drift.
import { loadAwsServiceSpecSync } from "@aws-cdk/aws-service-spec";
import type { SpecDatabase } from "@aws-cdk/service-spec-types";
import { renderTemplate } from "../render/template.js";
import type { ReplacementBehaviour, ReplacementTable } from "../replacement/table.js";
import type { EnvironmentSpecInput } from "../spec/schema.js";
import { SPEC_VARIANTS } from "./variants.test-helpers.js";

let database: SpecDatabase | undefined;
const db = () => {
  database ??= loadAwsServiceSpecSync();
  return database;
};

/** Specs that together render every resource type the renderer can emit. */
const TYPE_COVERING_SPECS: EnvironmentSpecInput[] = [
  ...Object.values(SPEC_VARIANTS),
  { bastion: { access: "ssh", sshAllowedCidr: "203.0.113.7/32" } },
];

export function renderedResourceTypes(specs = TYPE_COVERING_SPECS): string[] {
  const types = new Set<string>();
  for (const spec of specs) {
    for (const resource of Object.values(renderTemplate(spec).template.Resources)) types.add(resource.Type);
  }
  return [...types].sort();
}

export function serviceSpecReplacementTable(types = renderedResourceTypes()): ReplacementTable {
  const table: ReplacementTable = {};
  for (const type of types) {
    const resource = db().lookup("resource", "cloudFormationType", "equals", type)[0];
    if (!resource) throw new Error(`${type} is not in @aws-cdk/aws-service-spec`);
    const properties: Record<string, ReplacementBehaviour> = {};
    for (const name of Object.keys(resource.properties).sort()) {
      properties[name] = resource.properties[name]?.causesReplacement ?? "no";
    }
    // Properties the spec lists apart (tagging): "should be treated as causesReplacement: 'yes'".
    for (const path of resource.additionalReplacementProperties ?? []) {
      const name = path[0];
      if (name) properties[name] = "yes";
    }
    table[type] = properties;
  }
  return table;
}
