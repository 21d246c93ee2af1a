// --expires-in: a duration a pipeline writes, turned into the deadline the portal keeps.
import { describe, expect, it } from "vitest";
import { expiryOf } from "./args.js";

describe("--expires-in", () => {
  const now = Date.UTC(2026, 11, 7, 12, 0, 0);

  it("reads minutes, hours and days from now", () => {
    expect(expiryOf("90m", now)?.toISOString()).toBe("2026-12-07T13:30:00.000Z");
    expect(expiryOf("12h", now)?.toISOString()).toBe("2026-12-08T00:00:00.000Z");
    expect(expiryOf("7d", now)?.toISOString()).toBe("2026-12-14T12:00:00.000Z");
    expect(expiryOf(undefined, now)).toBeUndefined();
  });

  it("refuses anything else in one line naming the flag and the value", () => {
    for (const value of ["0h", "2w", "1.5h", "h", "-3d", ""]) {
      expect(() => expiryOf(value, now)).toThrow(
        `--expires-in must be a duration such as 90m, 12h or 7d, not ${value}`,
      );
    }
  });
});
