// The drift audit entry stays small whatever CloudFormation answers: the audit log is append-only and
// keeps at most 16 KiB of detail per entry (audit/record.ts), and lastDrift reads the entry back.
import { describe, expect, it } from "vitest";
import { MAX_DETAIL_BYTES, storableDetail } from "../audit/record";
import { type DriftView, driftAuditDetail } from "./drift";

function hugeView(): DriftView {
  const resources = Array.from({ length: 60 }, (_, i) => ({
    logicalResourceId: `Resource${i}`,
    resourceType: "AWS::EC2::SecurityGroup",
    status: i % 2 ? ("MODIFIED" as const) : ("DELETED" as const),
    reason: "r".repeat(2000),
    differences: Array.from({ length: 40 }, (_, j) => ({
      propertyPath: `/SecurityGroupIngress/${j}`,
      expected: "e".repeat(10_000),
      actual: "a".repeat(10_000),
      differenceType: "NOT_EQUAL" as const,
    })),
  }));
  return {
    environmentId: "env",
    stackStatus: "DRIFTED",
    detectedAt: new Date("2026-12-07T03:00:00Z"),
    counts: { inSync: 0, modified: 30, deleted: 30, notChecked: 0 },
    resources,
    detectionFailure: "f".repeat(5000),
    complete: true,
    stale: false,
  };
}

describe("driftAuditDetail", () => {
  it("keeps the counts and at most 10 resources with 3 clipped differences, within the audit limit", () => {
    const detail = driftAuditDetail(hugeView());
    const stored = storableDetail(detail);
    expect(stored.truncated).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(MAX_DETAIL_BYTES);
    expect(stored).toMatchObject({ stackStatus: "DRIFTED", counts: { modified: 30, deleted: 30 } });
    const drifted = stored.drifted as { differences: { expected: string }[]; moreDifferences: number }[];
    expect(drifted).toHaveLength(10);
    expect(drifted[0]?.differences).toHaveLength(3);
    expect(drifted[0]?.differences[0]?.expected).toHaveLength(160);
    expect(drifted[0]?.moreDifferences).toBe(37);
  });

  it("records an in-sync result with no drifted resources", () => {
    const view: DriftView = { ...hugeView(), stackStatus: "IN_SYNC", resources: [], detectionFailure: null };
    expect(driftAuditDetail(view)).toEqual({
      stackStatus: "IN_SYNC",
      detectedAt: "2026-12-07T03:00:00.000Z",
      counts: view.counts,
      drifted: [],
    });
  });
});
