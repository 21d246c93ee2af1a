import { describe, expect, it } from "vitest";
import { isFailureStatus, isTerminalStatus } from "./driver";

describe("stack status helpers", () => {
  it.each([
    ["CREATE_COMPLETE", true, false],
    ["CREATE_IN_PROGRESS", false, false],
    ["ROLLBACK_COMPLETE", true, true],
    ["UPDATE_ROLLBACK_COMPLETE", true, true],
    ["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", false, false],
    ["ROLLBACK_IN_PROGRESS", false, false],
    ["DELETE_FAILED", true, true],
    ["DELETE_COMPLETE", true, false],
  ])("%s: terminal %s, failure %s", (status, terminal, failure) => {
    expect(isTerminalStatus(status)).toBe(terminal);
    if (terminal) expect(isFailureStatus(status)).toBe(failure);
  });
});
