// checkTemplate: every check over a rendered (or hand-edited) template, errors first.
import type { CfnTemplate } from "../render/cfn.js";
import { checkBestPractice } from "./best-practice.js";
import type { Finding } from "./finding.js";
import { checkPrivateTiers } from "./private-tiers.js";
import { checkReferences } from "./references.js";
import { checkSecrets } from "./secrets.js";
import { checkSecurityGroups } from "./security-groups.js";
import { isObject } from "./walk.js";

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function checkTemplate(template: CfnTemplate): Finding[] {
  if (!isObject(template) || !isObject(template.Resources)) {
    return [
      {
        severity: "error",
        check: "references",
        logicalId: null,
        message: "not a CloudFormation template (no Resources)",
        specField: null,
      },
    ];
  }
  const findings = [
    ...checkReferences(template),
    ...checkSecurityGroups(template),
    ...checkPrivateTiers(template),
    ...checkBestPractice(template),
    ...checkSecrets(template),
  ];
  // Stable order (severity, then check, then resource) so the same template always lists the same way.
  return findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.index - b.index)
    .map(({ f }) => f);
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
