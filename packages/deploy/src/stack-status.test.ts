// Our status lists must match the SDK's enums exactly: a status AWS adds (or we misspell) fails here.
import {
  ResourceStatus as SdkResourceStatus,
  StackStatus as SdkStackStatus,
} from "@aws-sdk/client-cloudformation";
import { describe, expect, it } from "vitest";
import {
  COMPLETE,
  FAILED,
  failedFrom,
  IN_PROGRESS,
  isTerminalStatus,
  parseStackStatus,
  RESOURCE_STATUSES,
  ROLLED_BACK,
  ROLLING_BACK,
  SERVING,
  STACK_STATUSES,
} from "./stack-status.js";

describe("stack statuses", () => {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Stack.html (StackStatus)
  it("are exactly the SDK's StackStatus values", () => {
    expect([...STACK_STATUSES].sort()).toEqual(Object.values(SdkStackStatus).sort());
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackEvent.html (ResourceStatus)
  it("of resources are exactly the SDK's ResourceStatus values", () => {
    expect([...RESOURCE_STATUSES].sort()).toEqual(Object.values(SdkResourceStatus).sort());
  });

  it("splits every stack status into in progress or terminal", () => {
    for (const status of STACK_STATUSES) {
      expect(isTerminalStatus(status)).toBe(!status.endsWith("_IN_PROGRESS"));
    }
    expect(IN_PROGRESS.has("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")).toBe(true);
    expect(IN_PROGRESS.has("REVIEW_IN_PROGRESS")).toBe(true);
  });

  it("names the outcomes: complete, failed, rolled back, serving", () => {
    expect([...COMPLETE]).toEqual([
      "CREATE_COMPLETE",
      "UPDATE_COMPLETE",
      "IMPORT_COMPLETE",
      "DELETE_COMPLETE",
    ]);
    expect(FAILED.has("UPDATE_ROLLBACK_FAILED")).toBe(true);
    expect(FAILED.has("ROLLBACK_COMPLETE")).toBe(false);
    expect(ROLLED_BACK.has("ROLLBACK_COMPLETE")).toBe(true);
    expect(ROLLING_BACK.has("UPDATE_ROLLBACK_IN_PROGRESS")).toBe(true);
    expect(ROLLING_BACK.has("UPDATE_IN_PROGRESS")).toBe(false);
    expect(SERVING.has("UPDATE_ROLLBACK_COMPLETE")).toBe(true);
    expect(SERVING.has("ROLLBACK_COMPLETE")).toBe(false);
  });

  it("refuses a status it does not know, naming it", () => {
    expect(parseStackStatus("CREATE_COMPLETE")).toBe("CREATE_COMPLETE");
    expect(() => parseStackStatus("CREATE_COMPLET")).toThrow(
      "unknown CloudFormation stack status: CREATE_COMPLET",
    );
  });

  it("turns an interrupted status into its failure", () => {
    expect(failedFrom("CREATE_IN_PROGRESS")).toBe("CREATE_FAILED");
    expect(failedFrom("UPDATE_ROLLBACK_IN_PROGRESS")).toBe("UPDATE_ROLLBACK_FAILED");
    expect(failedFrom("CREATE_COMPLETE")).toBe("CREATE_COMPLETE");
  });
});
