import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { checkExpiry } from "./expiry";
import { DEFAULT_EXPIRY_INTERVAL_MS, expiryIntervalMs } from "./expiry-interval";

const now = new Date("2026-12-07T12:00:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

describe("checkExpiry", () => {
  it("accepts a deadline from just after now up to 90 days ahead", () => {
    expect(checkExpiry(new Date(now.getTime() + 1), now)).toEqual(new Date(now.getTime() + 1));
    expect(checkExpiry(new Date(now.getTime() + 90 * DAY), now)).toEqual(new Date(now.getTime() + 90 * DAY));
  });

  it("refuses now, the past and beyond 90 days with the field named", () => {
    for (const [at, message] of [
      [now, "expiresAt must be in the future"],
      [new Date(now.getTime() - DAY), "expiresAt must be in the future"],
      [
        new Date(now.getTime() + 90 * DAY + 1),
        "expiresAt must be at most 90 days ahead, by 2027-03-07T12:00:00.000Z",
      ],
    ] as const) {
      const error = (() => {
        try {
          checkExpiry(at, now);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect((error as TRPCError).message).toContain(message);
    }
  });
});

describe("expiryIntervalMs", () => {
  it("defaults to a minute and takes whole milliseconds from 1 s to 1 h", () => {
    expect(expiryIntervalMs({})).toBe(DEFAULT_EXPIRY_INTERVAL_MS);
    expect(expiryIntervalMs({ STACKYARD_EXPIRY_INTERVAL_MS: "2000" })).toBe(2000);
    for (const bad of ["999", "3600001", "1.5", "soon"]) {
      expect(() => expiryIntervalMs({ STACKYARD_EXPIRY_INTERVAL_MS: bad })).toThrow(
        `STACKYARD_EXPIRY_INTERVAL_MS must be a whole number of milliseconds from 1000 to 3600000, not "${bad}"`,
      );
    }
  });
});
