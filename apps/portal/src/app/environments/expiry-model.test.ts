import { describe, expect, it } from "vitest";
import { expiryFrom, timeLeft } from "./expiry-model";

const now = new Date("2026-12-07T12:00:00.000Z");
const plus = (ms: number) => new Date(now.getTime() + ms);

describe("expiryFrom", () => {
  it("turns a preset into a deadline from now, and never into none", () => {
    expect(expiryFrom({ preset: "never", amount: "", unit: "hours" }, now)).toEqual({
      ok: true,
      expiresAt: null,
    });
    expect(expiryFrom({ preset: "1d", amount: "", unit: "hours" }, now)).toEqual({
      ok: true,
      expiresAt: plus(86_400_000),
    });
  });

  it("takes a custom whole amount of minutes, hours or days, up to 90 days", () => {
    expect(expiryFrom({ preset: "custom", amount: "1", unit: "minutes" }, now)).toEqual({
      ok: true,
      expiresAt: plus(60_000),
    });
    expect(expiryFrom({ preset: "custom", amount: "90", unit: "days" }, now)).toMatchObject({ ok: true });
    expect(expiryFrom({ preset: "custom", amount: "91", unit: "days" }, now)).toEqual({
      ok: false,
      message: "At most 90 days ahead",
    });
    for (const amount of ["", "0", "-2", "1.5", "soon"]) {
      expect(expiryFrom({ preset: "custom", amount, unit: "hours" }, now)).toEqual({
        ok: false,
        message: "Enter a whole number of at least 1",
      });
    }
  });
});

describe("timeLeft", () => {
  it("says how long is left, coarser as it grows, and 'due now' once passed", () => {
    expect(timeLeft(plus(-1), now)).toBe("due now");
    expect(timeLeft(plus(41_200), now)).toBe("in 42 s");
    expect(timeLeft(plus(4.5 * 60_000), now)).toBe("in 5 min");
    expect(timeLeft(plus(200 * 60_000), now)).toBe("in 3 h 20 min");
    expect(timeLeft(plus(2 * 3_600_000), now)).toBe("in 2 h");
    expect(timeLeft(plus(13 * 3_600_000), now)).toBe("in 13 h");
    expect(timeLeft(plus(86_400_000), now)).toBe("in 1 day");
    expect(timeLeft(plus(86_400_000 - 5_000), now)).toBe("in 1 day");
    expect(timeLeft(plus(23 * 3_600_000), now)).toBe("in 23 h");
    expect(timeLeft(plus(3 * 86_400_000), now)).toBe("in 3 days");
  });
});
