import { describe, expect, it } from "vitest";
import { median, percentile, perInterval, summarize } from "./stats";

describe("benchmark statistics", () => {
  it("takes nearest-rank percentiles: a sample someone actually saw, never an interpolation", () => {
    const samples = [50, 10, 40, 20, 30];
    expect(percentile(samples, 50)).toBe(30);
    expect(percentile(samples, 95)).toBe(50);
    expect(percentile(samples, 20)).toBe(10);
    expect(percentile(samples, 21)).toBe(20);
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it("summarises without reordering the caller's samples", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(samples)).toEqual({ n: 100, p50: 50, p95: 95, max: 100 });
    expect(samples[0]).toBe(100);
  });

  it("refuses what has no answer", () => {
    expect(() => percentile([], 50)).toThrow("no samples");
    expect(() => percentile([1], 0)).toThrow("(0, 100]");
    expect(() => perInterval(3, 0, 1000)).toThrow("positive");
  });

  it("counts calls per poll interval over a window", () => {
    expect(perInterval(12, 60_000, 5_000)).toBe(1);
    expect(perInterval(1200, 60_000, 5_000)).toBe(100);
  });
});
