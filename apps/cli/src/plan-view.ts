// What plan (and deploy before an update) shows: the checks, the monthly cost and, for an environment
// that exists, the changes the portal prepared (environments.planUpdate), with what would be replaced.
import type { CostEstimate, Finding } from "@stackyard/templates";
import { usd } from "./format.js";

export interface PlannedChange {
  action: string;
  logicalResourceId: string;
  resourceType: string;
  replacement?: string;
  predictedReplacement?: string;
  replacementCauses?: string[];
  changedProperties?: string[];
}

export interface UpdatePlan {
  planId: string;
  changes: PlannedChange[];
  dataLossWarnings: string[];
  specChanges: { path: string }[];
  costBeforeUsd: number;
  costAfterUsd: number;
  expiresAt: Date;
}

export function checksText(findings: Finding[]): string {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const head = `checks: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes\n`;
  return (
    head +
    findings
      .filter((f) => f.severity !== "info")
      .map((f) => {
        const field = f.specField ? ` [spec field: ${f.specField}]` : "";
        return `  ${f.severity} ${f.logicalId ?? "(template)"}: ${f.message}${field}\n`;
      })
      .join("")
  );
}

export function costText(cost: CostEstimate): string {
  const incomplete = cost.incomplete ? " (incomplete: some items have no price)" : "";
  const head = `cost: ${usd(cost.totalMonthlyUsd)}/month${incomplete}, ${cost.region} prices of ${cost.priceTableDate}\n`;
  return (
    head +
    cost.items
      .map((i) => `  ${i.label}: ${i.monthlyUsd === null ? "no price" : usd(i.monthlyUsd)} (${i.basis})\n`)
      .join("")
  );
}

/** "True"/"Conditional" from the target, else from the offline prediction; "" when nothing is replaced. */
export function replacementOf(change: PlannedChange): string {
  const replacement = change.replacement ?? change.predictedReplacement;
  if (change.action !== "Modify" || !replacement || replacement === "False") return "";
  const causes = change.replacementCauses?.length ? ` by ${change.replacementCauses.join(", ")}` : "";
  return replacement === "True" ? ` REPLACED${causes}` : ` possibly replaced${causes}`;
}

export function updateText(name: string, plan: UpdatePlan): string {
  if (plan.changes.length === 0) return `update of ${name}: no changes\n`;
  const cost = `${usd(plan.costBeforeUsd)} → ${usd(plan.costAfterUsd)}/month`;
  const lines = plan.changes.map((c) => {
    const props = c.changedProperties?.length ? ` (${c.changedProperties.join(", ")})` : "";
    return `  ${c.action} ${c.logicalResourceId} (${c.resourceType})${props}${replacementOf(c)}\n`;
  });
  const loss = plan.dataLossWarnings.map((w) => `  DATA LOSS: ${w}\n`);
  return `update of ${name}: ${plan.changes.length} changes, ${cost}\n${lines.join("")}${loss.join("")}`;
}
