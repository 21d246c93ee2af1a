import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

describe("when an operation happened, as the list says it", () => {
  const now = new Date("2026-11-28T10:00:00Z");
  it("reads like a person would say it", () => {
    expect(relativeTime(new Date("2026-11-28T09:59:40Z"), now)).toBe("just now");
    expect(relativeTime(new Date("2026-11-28T09:57:00Z"), now)).toBe("3 minutes ago");
    expect(relativeTime(new Date("2026-11-28T07:00:00Z"), now)).toBe("3 hours ago");
    expect(relativeTime(new Date("2026-11-27T09:00:00Z"), now)).toBe("yesterday");
  });
});
