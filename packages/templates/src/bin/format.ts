// Plain-text output for people at a terminal; --format json gives the same data for scripts.
import type { Finding } from "../checks/finding.js";
import type { CostEstimate } from "../cost/estimate.js";

export function formatFindings(findings: Finding[]): string {
  if (findings.length === 0) return "No findings.\n";
  const lines = findings.map((f) => {
    const fix = f.specField ? ` (fix: ${f.specField})` : "";
    return `${f.severity.toUpperCase().padEnd(7)} ${f.logicalId ?? "-"}: ${f.message}${fix}`;
  });
  const errors = findings.filter((f) => f.severity === "error").length;
  return `${lines.join("\n")}\n${errors} error(s), ${findings.length - errors} other finding(s)\n`;
}

export function formatCost(estimate: CostEstimate): string {
  const width = Math.max(...estimate.items.map((i) => i.label.length));
  const money = (usd: number | null) => (usd === null ? "   n/a" : `$${usd.toFixed(2)}`).padStart(10);
  const lines = estimate.items.map((i) => `${i.label.padEnd(width)} ${money(i.monthlyUsd)}  ${i.basis}`);
  return [
    `Monthly cost estimate (${estimate.currency}, ${estimate.priceTableBasis}; table dated ${estimate.priceTableDate})`,
    "",
    ...lines,
    `${"Total".padEnd(width)} ${money(estimate.totalMonthlyUsd)}${estimate.incomplete ? "  (incomplete: some items have no price)" : ""}`,
    "",
    ...estimate.notes.map((note) => `- ${note}`),
    "",
  ].join("\n");
}
