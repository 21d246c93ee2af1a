// Slow validation of every rendered variant: aws-cdk-lib's CfnInclude (wrong property types and missing
// required properties throw) and cdk-nag's AwsSolutions rule pack, with suppressions read from the
// template's own Metadata.
import { describe, expect, test } from "vitest";
import type { CfnTemplate } from "../render/cfn.js";
import { renderTemplate } from "../render/template.js";
import { cdkNagViolations, cloudFormationValidateViolations } from "../testing/cdk-validate.test-helpers.js";
import { PARAMETER_VALUES, SPEC_VARIANTS } from "../testing/variants.test-helpers.js";

function withoutSuppressions(template: CfnTemplate): CfnTemplate {
  const copy = structuredClone(template);
  for (const resource of Object.values(copy.Resources)) delete resource.Metadata;
  return copy;
}

describe.each(Object.entries(SPEC_VARIANTS))("%s", (_name, input) => {
  const { template, yaml } = renderTemplate(input);

  test("imports into aws-cdk-lib and passes AwsSolutions with only justified suppressions", () => {
    expect(cdkNagViolations(template, PARAMETER_VALUES)).toEqual([]);
  });

  test("AWS's CloudFormation validator (bundled in aws-cdk-lib) finds nothing unacknowledged", () => {
    expect(cloudFormationValidateViolations(template)).toEqual([]);
  });

  test("the YAML rendering imports just as well (CloudFormation's YAML reader)", () => {
    expect(cdkNagViolations(template, PARAMETER_VALUES, yaml)).toEqual([]);
  });

  test("every suppression in the template is needed: without it cdk-nag reports that rule there", () => {
    const reported = cdkNagViolations(withoutSuppressions(template), PARAMETER_VALUES);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const suppressions = (
        resource.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined
      )?.rules_to_suppress;
      for (const { id } of suppressions ?? []) {
        const hit = reported.find(
          (v) => v.rule.startsWith(id.split("[")[0] ?? id) && v.logicalIds.includes(logicalId),
        );
        expect(hit, `${logicalId} suppresses ${id}`).toBeDefined();
      }
    }
  });
});

test("the validator is not a rubber stamp: a wrong type or a missing required property is refused", () => {
  const { template } = renderTemplate({});
  const wrongType = structuredClone(template);
  if (wrongType.Resources.Vpc?.Properties) wrongType.Resources.Vpc.Properties.EnableDnsSupport = "maybe";
  expect(() => cdkNagViolations(wrongType, PARAMETER_VALUES)).toThrow(/boolean/);
  const missing = structuredClone(template);
  delete missing.Resources.PublicSubnet1?.Properties?.VpcId;
  expect(() => cdkNagViolations(missing, PARAMETER_VALUES)).toThrow(/missing required property/);
});
