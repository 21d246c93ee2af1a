// Imports a rendered template with aws-cdk-lib's CfnInclude (which throws on wrong property types and
// missing required properties) and runs cdk-nag's AwsSolutions pack over it. Suppressions are read from
// each resource's Metadata.cdk_nag.rules_to_suppress, exactly where the template records their reasons.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    // Only parameters the template declares: CfnInclude refuses values for unknown ones.
    const known = Object.fromEntries(
      Object.entries(parameters).filter(([name]) => name in template.Parameters),
    );
    const included = new CfnInclude(stack, "Template", { templateFile: file, parameters: known });
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

/**
 * AWS's CloudFormation validator (bundled in aws-cdk-lib, run at synth). Parameters stay parameters here:
 * substituting literals would make it warn about hard-coded AMIs and constant conditions. Acknowledgements
 * come from each resource's Metadata.cfn_validate.rules_to_acknowledge, with their reasons.
 */
export function cloudFormationValidateViolations(template: CfnTemplate): NagViolation[] {
  const dir = mkdtempSync(join(tmpdir(), "stackyard-cfn-validate-"));
  try {
    const file = join(dir, "template.json");
    writeFileSync(file, JSON.stringify(template));
    const app = new App({ outdir: join(dir, "out") });
    const included = new CfnInclude(new Stack(app, "Rendered"), "Template", { templateFile: file });
    for (const logicalId of Object.keys(template.Resources)) {
      const resource = included.getResource(logicalId);
      const metadata = resource.cfnOptions.metadata as {
        cfn_validate?: { rules_to_acknowledge?: Suppression[] };
      };
      for (const { id, reason } of metadata?.cfn_validate?.rules_to_acknowledge ?? []) {
        Validations.of(resource).acknowledge({ id: `CloudFormation-Validate::${id}`, reason });
      }
    }
    app.synth();
    const reportFile = join(dir, "out", "validation-report.json");
    if (!existsSync(reportFile)) return [];
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as ValidationReport;
    return report.pluginReports.flatMap((plugin) =>
      plugin.violations.map((v) => ({
        rule: v.ruleName,
        logicalIds: v.violatingConstructs.map((c) => c.cloudFormationResource?.logicalId ?? c.constructPath),
        description: v.description,
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ValidationReport {
  pluginReports: {
    violations: {
      ruleName: string;
      description: string;
      violatingConstructs: { constructPath: string; cloudFormationResource?: { logicalId: string } }[];
    }[];
  }[];
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
