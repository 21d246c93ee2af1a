import { describe, expect, it } from "vitest";
import { isTerminalStatus } from "./driver.js";

describe("isTerminalStatus", () => {
  it.each([
    ["CREATE_COMPLETE", true],
    ["CREATE_IN_PROGRESS", false],
    ["ROLLBACK_COMPLETE", true],
    ["UPDATE_ROLLBACK_COMPLETE", true],
    ["UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", false],
    ["ROLLBACK_IN_PROGRESS", false],
    ["DELETE_FAILED", true],
    ["DELETE_COMPLETE", true],
  ])("%s: terminal %s", (status, terminal) => {
    expect(isTerminalStatus(status)).toBe(terminal);
  });
});
