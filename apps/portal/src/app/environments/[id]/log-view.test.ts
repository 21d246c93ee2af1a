import type { LogLine } from "@stackyard/deploy";
import { describe, expect, it } from "vitest";
import { apiFilter, clockTime, MAX_LIVE_LINES, mergeLines, summary } from "./log-view";

const line = (id: string, second: number, extra: Partial<LogLine> = {}): LogLine => ({
  id,
  timestamp: new Date(Date.UTC(2026, 11, 7, 14, 3, second)),
  task: "notes-api-20001",
  level: "info",
  message: `line ${id}`,
  raw: `{"msg":"line ${id}"}`,
  ...extra,
});

describe("mergeLines", () => {
  it("drops lines already shown (a resumed stream repeats what history returned) and keeps time order", () => {
    const merged = mergeLines(
      [line("a", 1), line("c", 3)],
      [line("c", 3), line("b", 2), line("b", 2)],
      "none",
    );
    expect(merged.map((l) => l.id)).toEqual(["a", "b", "c"]);
  });

  it("keeps the newest lines when live lines overflow, but every line the user asked for", () => {
    const many = Array.from({ length: MAX_LIVE_LINES + 5 }, (_, i) => line(`l${i}`, 0));
    expect(mergeLines([], many, "oldest")).toHaveLength(MAX_LIVE_LINES);
    expect(mergeLines([], many, "oldest")[0]?.id).toBe("l5");
    expect(mergeLines([], many, "none")).toHaveLength(MAX_LIVE_LINES + 5);
  });

  it("returns the same array when nothing is new (no re-render)", () => {
    const current = [line("a", 1)];
    expect(mergeLines(current, [line("a", 1)], "oldest")).toBe(current);
  });
});

describe("the line's text", () => {
  it("shows a request as method, URL, status and duration; other lines by their message", () => {
    expect(summary(line("r", 1, { method: "GET", url: "/notes", status: 200, durationMs: 3.1 }))).toBe(
      "GET /notes → 200 in 3.1 ms",
    );
    expect(summary(line("m", 1))).toBe("line m");
    expect(clockTime(new Date(Date.UTC(2026, 11, 7, 14, 3, 7, 123)))).toBe("14:03:07.123");
  });

  it("sends only the filter fields that are set", () => {
    expect(apiFilter({ text: "  ", level: "", task: "" })).toEqual({});
    expect(apiFilter({ text: " req-1 ", level: "warn", task: "notes-api-1" })).toEqual({
      text: "req-1",
      level: "warn",
      task: "notes-api-1",
    });
  });
});
