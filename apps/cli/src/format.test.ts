import { describe, expect, it } from "vitest";
import { failureLine, rootCauseOf, statusLine } from "./format.js";
import { replacementOf, updateText } from "./plan-view.js";

describe("the root cause of a failure", () => {
  it("takes the spec field out of the portal's message and names it on its own", () => {
    const cause = rootCauseOf(
      "Database: DBInstanceClass db.x9 is not supported (check database.instanceClass)",
    );
    expect(cause).toEqual({
      cause: "Database: DBInstanceClass db.x9 is not supported",
      specField: "database.instanceClass",
    });
    expect(failureLine("notes", "create", "ROLLBACK_COMPLETE", cause)).toBe(
      "notes: create failed (stack ROLLBACK_COMPLETE); root cause: Database: DBInstanceClass db.x9 is not supported; spec field: database.instanceClass",
    );
  });

  it("keeps the advice after the field, and says when there is no cause", () => {
    const cause = rootCauseOf(
      "Vpc: overlap (check network.vpcCidr). Fix the cause, then delete again.\nmore",
    );
    expect(cause).toEqual({
      cause: "Vpc: overlap. Fix the cause, then delete again.",
      specField: "network.vpcCidr",
    });
    expect(rootCauseOf(null)).toBeNull();
    expect(failureLine("notes", "update", null, null)).toBe(
      "notes: update failed; the portal names no cause (see stackyard events)",
    );
  });
});

describe("lines", () => {
  it("shows an environment with its last operation and app URL", () => {
    const row = {
      id: "1",
      name: "notes",
      target: "local" as const,
      region: "us-east-1",
      status: "live",
      appUrl: "http://127.0.0.1:20001",
      monthlyCostUsd: null,
      expiresAt: null,
      updatedAt: new Date(),
      lastOperation: { kind: "create", status: "succeeded", createdAt: new Date(), finishedAt: null },
    };
    expect(statusLine(row)).toBe(
      "notes: live (local, us-east-1, last create succeeded) http://127.0.0.1:20001",
    );
    const preview = { ...row, expiresAt: new Date("2026-12-24T18:00:00Z") };
    expect(statusLine(preview)).toBe(
      "notes: live (local, us-east-1, last create succeeded, deleted automatically at 2026-12-24T18:00:00.000Z) http://127.0.0.1:20001",
    );
  });

  it("says what an update replaces, from the target or else the prediction", () => {
    const change = { action: "Modify", logicalResourceId: "Database", resourceType: "AWS::RDS::DBInstance" };
    expect(replacementOf({ ...change, replacement: "True", replacementCauses: ["DBName"] })).toBe(
      " REPLACED by DBName",
    );
    expect(replacementOf({ ...change, predictedReplacement: "Conditional" })).toBe(" possibly replaced");
    expect(replacementOf({ ...change, replacement: "False" })).toBe("");
    const plan = {
      planId: "p",
      changes: [{ ...change, replacement: "True", changedProperties: ["DBName"] }],
      dataLossWarnings: ["Database (the database) will be REPLACED"],
      specChanges: [],
      costBeforeUsd: 10,
      costAfterUsd: 12.5,
      expiresAt: new Date(),
    };
    expect(updateText("notes", plan)).toBe(
      "update of notes: 1 changes, $10.00 → $12.50/month\n" +
        "  Modify Database (AWS::RDS::DBInstance) (DBName) REPLACED\n" +
        "  DATA LOSS: Database (the database) will be REPLACED\n",
    );
  });
});
