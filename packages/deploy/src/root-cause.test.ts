// Which failed event is the cause of a failed operation, and which spec field fixes it.
import { describe, expect, it } from "vitest";
import type { StackEventRecord } from "./driver.js";
import { findRootCause } from "./root-cause.js";
import type { AnyStatus } from "./stack-status.js";

const at = (s: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, s));
const ev = (
  id: string,
  s: number,
  logical: string,
  type: string,
  status: AnyStatus,
  reason?: string,
): StackEventRecord => ({
  eventId: id,
  stackName: "notes-prod",
  logicalResourceId: logical,
  resourceType: type,
  resourceStatus: status,
  resourceStatusReason: reason,
  timestamp: at(s),
});

describe("findRootCause", () => {
  it("names the first real failure, not the cancellations it caused, and the field to fix", () => {
    const events = [
      ev(
        "5",
        50,
        "notes-prod",
        "AWS::CloudFormation::Stack",
        "ROLLBACK_IN_PROGRESS",
        "The following resource(s) failed to create: [DbInstance, AppService].",
      ),
      ev("4", 40, "AppService", "AWS::ECS::Service", "CREATE_FAILED", "Resource creation cancelled"),
      ev(
        "3",
        30,
        "DbInstance",
        "AWS::RDS::DBInstance",
        "CREATE_FAILED",
        "RDS does not support creating a DB instance with the following combination: DBInstanceClass=db.t2.nano, Engine=mysql",
      ),
      ev("1", 10, "Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE"),
    ];
    expect(findRootCause(events)).toEqual({
      logicalResourceId: "DbInstance",
      resourceType: "AWS::RDS::DBInstance",
      reason: expect.stringContaining("db.t2.nano"),
      specField: "database.instanceClass",
    });
  });

  it("returns null when nothing failed", () => {
    expect(findRootCause([ev("1", 1, "Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE")])).toBeNull();
  });
});
