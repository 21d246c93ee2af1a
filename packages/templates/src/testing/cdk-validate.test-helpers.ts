// Imports a rendered template with aws-cdk-lib's CfnInclude (which throws on wrong property types and
// missing required properties) and runs cdk-nag's AwsSolutions pack over it. Suppressions are read from
// each resource's Metadata.cdk_nag.rules_to_suppress, exactly where the template records their reasons.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, type CfnResource, Stack, Validations } from "aws-cdk-lib";
import { CfnInclude } from "aws-cdk-lib/cloudformation-include";
import { AwsSolutionsChecks } from "cdk-nag";
import type { CfnTemplate } from "../render/cfn.js";

export interface NagViolation {
  rule: string;
  logicalIds: string[];
  description: string;
}

interface Suppression {
  id: string;
  reason: string;
  applies_to?: string[];
}

/** `yamlText`, when given, is imported instead of the JSON (CfnInclude reads CloudFormation YAML too). */
export function cdkNagViolations(
  template: CfnTemplate,
  parameters: Record<string, string>,
  yamlText?: string,
): NagViolation[] {
  const dir = mkdtempSync(join(tmpdir(), "stackyard-cfn-"));
  try {
    const file = join(dir, yamlText ? "template.yaml" : "template.json");
    writeFileSync(file, yamlText ?? JSON.stringify(template));
    const app = new App();
    const stack = new Stack(app, "Rendered");
    const included = new CfnInclude(stack, "Template", { templateFile: file, parameters });
    for (const logicalId of Object.keys(template.Resources)) {
      const resource = included.getResource(logicalId);
      acknowledgeSuppressions(resource, logicalId);
    }
    const report = new AwsSolutionsChecks().validateScope(app);
    return report.violations.map((violation) => ({
      rule: violation.ruleName,
      logicalIds: violation.violatingResources.map((r) => r.constructPath?.split("/").pop() ?? "?"),
      description: violation.description,
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function acknowledgeSuppressions(resource: CfnResource, logicalId: string): void {
  const metadata = resource.cfnOptions.metadata as
    | { cdk_nag?: { rules_to_suppress?: Suppression[] } }
    | undefined;
  for (const suppression of metadata?.cdk_nag?.rules_to_suppress ?? []) {
    if (!suppression.reason || suppression.reason.length < 20) {
      throw new Error(`${logicalId}: suppression ${suppression.id} has no real reason`);
    }
    const ids = suppression.applies_to?.map((finding) => `${suppression.id}[${finding}]`) ?? [suppression.id];
    for (const id of ids) Validations.of(resource).acknowledge({ id, reason: suppression.reason });
  }
}
