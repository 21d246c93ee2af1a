// Drift detection with the portal's own identity: CloudFormation reads each resource with the caller's
// permissions ("the user must have read permissions for each supported resource in the stack",
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html), so the portal
// holds the read handler actions AWS publishes for each type it deploys (../shared/aws, copied beside this
// file), and only reads. The drift API calls themselves:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DetectStackDrift.html
import { describe, expect, test } from "vitest";
import { renderTemplate } from "../render/template.js";
import { resolveSpec } from "../spec/parse.js";
import { allowing, allows, allowsOn } from "../testing/iam-policy.test-helpers.js";
import { VARIANT_MATRIX } from "../testing/variant-matrix.test-helpers.js";
import { HANDLER_REFERENCE } from "./handlers.js";
import { iamPolicyFor } from "./policy.js";
import { DRIFT_READ_SIDS, driftReadActions } from "./portal-drift.js";

const ACCOUNT = "123456789012";
const STACK_ARN = "arn:aws:cloudformation:us-east-1:123456789012:stack/notes-matrix/abc";

describe.each(VARIANT_MATRIX)("%s", (_name, input) => {
  const spec = resolveSpec(input);
  const policy = iamPolicyFor(spec, { accountId: ACCOUNT });
  const template = JSON.parse(renderTemplate(spec).json);

  test("may detect drift on this stack, read its results, and follow the detection", () => {
    for (const action of [
      "cloudformation:DetectStackDrift",
      "cloudformation:DetectStackResourceDrift",
      "cloudformation:DescribeStackResourceDrifts",
    ]) {
      expect(allowsOn(policy, action, STACK_ARN), action).toBe(true);
      expect(allowsOn(policy, action, "arn:aws:cloudformation:us-east-1:123456789012:stack/other/x")).toBe(
        false,
      );
    }
    const follow = allowing(policy, "cloudformation:DescribeStackDriftDetectionStatus");
    expect(follow.map((s) => s.Condition)).toEqual([
      { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    ]);
  });

  test("holds every read AWS's handler schemas list for the template's resource types", () => {
    const types = new Set(
      Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type),
    );
    for (const type of types) {
      for (const action of HANDLER_REFERENCE.types[type]?.read ?? []) {
        expect(allows(policy, action), `${type}: ${action}`).toBe(true);
      }
    }
    expect(driftReadActions(template).length).toBeGreaterThan(20);
  });

  test("those reads only describe, get and list: nothing that changes a resource or reveals a secret", () => {
    const reads = policy.Statement.filter((s) => DRIFT_READ_SIDS.includes(s.Sid)).flatMap((s) => s.Action);
    for (const action of reads)
      expect(action).toMatch(/^[a-z0-9-]+:(Describe\*|(Describe|Get|List)[A-Za-z]+)$/);
    expect(reads).not.toContain("secretsmanager:GetSecretValue");
    expect(reads.some((a) => a.startsWith("secretsmanager:") || a.startsWith("ssm:GetParameter"))).toBe(
      false,
    );
    const roles = policy.Statement.find((s) => s.Sid === "ReadThisStacksRolesForDriftDetection");
    expect(roles?.Resource).toEqual([
      "arn:aws:iam::123456789012:role/stackyard/notes-matrix/*",
      "arn:aws:iam::123456789012:instance-profile/stackyard/notes-matrix/*",
    ]);
  });
});
