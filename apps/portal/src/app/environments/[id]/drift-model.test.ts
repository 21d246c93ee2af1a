import { describe, expect, it } from "vitest";
import type { DriftView } from "@/server/environments/drift";
import { driftMarks, driftSummary, repairAdvice } from "./drift-model";

const view = (over: Partial<DriftView>): DriftView => ({
  environmentId: "e",
  stackStatus: "DRIFTED",
  detectedAt: new Date(0),
  counts: { inSync: 1, modified: 1, deleted: 1, notChecked: 20 },
  resources: [
    {
      logicalResourceId: "NginxInstance",
      resourceType: "AWS::EC2::Instance",
      status: "MODIFIED",
      differences: [],
    },
    {
      logicalResourceId: "DbInstance",
      resourceType: "AWS::RDS::DBInstance",
      status: "DELETED",
      differences: [],
    },
    {
      logicalResourceId: "AppService",
      resourceType: "AWS::ECS::Service",
      status: "IN_SYNC",
      differences: [],
    },
    { logicalResourceId: "Vpc", resourceType: "AWS::EC2::VPC", status: "NOT_CHECKED", differences: [] },
  ],
  detectionFailure: null,
  complete: true,
  stale: false,
  ...over,
});

describe("drift model", () => {
  it("marks only modified and deleted resources", () => {
    expect(driftMarks(view({}))).toEqual({ NginxInstance: "MODIFIED", DbInstance: "DELETED" });
    expect(driftMarks(null)).toEqual({});
    expect(driftMarks(view({ stale: true })), "an update ran since").toEqual({});
  });

  it("summarises in one line", () => {
    expect(driftSummary(view({}))).toBe("Drifted: 1 modified, 1 deleted; 1 in sync, 20 not checked");
    const clean = view({
      stackStatus: "IN_SYNC",
      counts: { inSync: 3, modified: 0, deleted: 0, notChecked: 20 },
    });
    expect(driftSummary(clean)).toBe("In sync: 3 in sync, 20 not checked");
  });

  it("says a same-spec update repairs the sandbox, and does not on AWS", () => {
    expect(repairAdvice("local")).toMatch(/same spec: it re-applies the plan/);
    expect(repairAdvice("aws")).toMatch(/does not undo drift/);
  });
});
