import { describe, expect, it } from "vitest";
import { STATUSES } from "../../server/environments/statuses";
import { statusesFor } from "./status-filter";

describe("statusesFor", () => {
  it("asks for every status but deleted by default", () => {
    const asked = statusesFor("");
    expect(asked).not.toContain("deleted");
    expect(asked).toEqual(STATUSES.filter((s) => s !== "deleted"));
  });

  it("asks for no status filter with 'any', and for one status when one is chosen", () => {
    expect(statusesFor("any")).toBeUndefined();
    expect(statusesFor("deleted")).toEqual(["deleted"]);
  });
});
