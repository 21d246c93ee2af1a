import { describe, expect, it } from "vitest";
import { datetimeFromIso, isoFromDatetime } from "./notes-repo.js";

describe("isoFromDatetime", () => {
  it("writes a DATETIME(3) as Date#toISOString does", () => {
    for (const value of ["2026-11-28 10:00:00.000", "1999-12-31 23:59:59.999", "2026-02-03 04:05:06.070"]) {
      expect(isoFromDatetime(value)).toBe(new Date(`${value.replace(" ", "T")}Z`).toISOString());
    }
    expect(isoFromDatetime("2026-11-28 10:00:00.120")).toBe("2026-11-28T10:00:00.120Z");
  });

  it("pads a value with another precision to milliseconds", () => {
    expect(isoFromDatetime("2026-11-28 10:00:00")).toBe("2026-11-28T10:00:00.000Z");
    expect(isoFromDatetime("2026-11-28 10:00:00.5")).toBe("2026-11-28T10:00:00.500Z");
  });
});

describe("datetimeFromIso", () => {
  it("writes an instant as the DATETIME(3) text that reads back as the same ISO string", () => {
    const iso = "2026-12-07T03:55:42.078Z";
    expect(datetimeFromIso(iso)).toBe("2026-12-07 03:55:42.078");
    expect(isoFromDatetime(datetimeFromIso(iso))).toBe(iso);
  });
});
