// `stackyard-templates diff --from OLD --to NEW [--format text|json]`: what updating a stack rendered from
// OLD to NEW would do on AWS, per resource: the changed properties, whether CloudFormation replaces the
// resource (predicted offline from the resource specification) and what that costs.
import { renderTemplate } from "../render/template.js";
import { type Consequence, changeConsequences } from "../replacement/consequences.js";
import { type PredictedChange, predictTemplateChanges } from "../replacement/predict.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import type { CliIo } from "./io.js";

export type DiffEntry = PredictedChange & { consequences: Consequence[] };

function specDiffEntries(from: EnvironmentSpec, to: EnvironmentSpec): DiffEntry[] {
  const after = renderTemplate(to);
  return predictTemplateChanges(renderTemplate(from).template, after.template).map((change) => ({
    ...change,
    consequences: changeConsequences(change, { spec: after.spec, template: after.template }),
  }));
}

export function runDiff(from: EnvironmentSpec, to: EnvironmentSpec, format: string | undefined, io: CliIo) {
  if (format !== undefined && format !== "text" && format !== "json") {
    io.stderr("--format must be text or json for diff\n");
    return 2;
  }
  const entries = specDiffEntries(from, to);
  io.stdout(format === "json" ? `${JSON.stringify(entries, null, 2)}\n` : formatDiff(entries));
  return 0;
}

const REPLACEMENT_WORDS = { True: "REPLACED", Conditional: "possibly replaced", False: "in place" };

function formatDiff(entries: DiffEntry[]): string {
  if (entries.length === 0) return "No changes: both specs render the same resources.\n";
  const lines: string[] = [];
  for (const e of entries) {
    const head = `${e.action.padEnd(6)} ${e.logicalResourceId} (${e.resourceType})`;
    if (e.action !== "Modify") lines.push(head);
    else {
      const why = e.replacementCauses.length > 0 ? ` because of ${e.replacementCauses.join(", ")}` : "";
      lines.push(`${head}: ${REPLACEMENT_WORDS[e.predictedReplacement]}${why}`);
      if (e.changedProperties.length > 0) lines.push(`       changes: ${e.changedProperties.join(", ")}`);
    }
    for (const c of e.consequences) lines.push(`       ${c.kind}: ${c.text}`);
  }
  const replaced = entries.filter((e) => e.predictedReplacement !== "False").length;
  lines.push("", `${entries.length} resource(s) change; ${replaced} replaced or possibly replaced on AWS.`);
  return `${lines.join("\n")}\n`;
}
