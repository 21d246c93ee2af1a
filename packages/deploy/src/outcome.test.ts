import { describe, expect, it } from "vitest";
import { outcomeOf } from "./outcome.js";

describe("outcomeOf", () => {
  it.each([
    ["create", "CREATE_COMPLETE", "succeeded", "live"],
    ["create", "ROLLBACK_COMPLETE", "rolled_back", "failed"],
    ["create", "ROLLBACK_FAILED", "failed", "failed"],
    ["update", "UPDATE_COMPLETE", "succeeded", "live"],
    ["update", "UPDATE_ROLLBACK_COMPLETE", "rolled_back", "live"],
    ["delete", "DELETE_COMPLETE", "succeeded", "deleted"],
    ["delete", null, "succeeded", "deleted"],
    ["delete", "DELETE_FAILED", "failed", "failed"],
  ] as const)("%s ending in %s: operation %s, environment %s", (kind, status, op, env) => {
    expect(outcomeOf(kind, status)).toEqual({ operationStatus: op, environmentStatus: env });
  });
});
