import { afterEach, describe, expect, it, vi } from "vitest";
import { startAdoptingOperations, stopAdoptingOperations } from "./adopt";

afterEach(() => {
  stopAdoptingOperations();
  vi.useRealTimers();
});

function fakeEngine(resumeAll: () => Promise<number>) {
  return { tracker: { resumeAll } } as unknown as Parameters<typeof startAdoptingOperations>[0];
}

describe("startAdoptingOperations", () => {
  it("looks for running operations once per period, with one timer per process", async () => {
    vi.useFakeTimers();
    const resumeAll = vi.fn(async () => 0);
    startAdoptingOperations(fakeEngine(resumeAll), 30_000);
    startAdoptingOperations(fakeEngine(resumeAll), 30_000);
    expect(resumeAll).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(resumeAll).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(resumeAll).toHaveBeenCalledTimes(3);
  });

  it("keeps looking after a failed look (the database was away)", async () => {
    vi.useFakeTimers();
    const resumeAll = vi.fn().mockRejectedValueOnce(new Error("connect ECONNREFUSED")).mockResolvedValue(1);
    startAdoptingOperations(fakeEngine(resumeAll), 1_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(resumeAll).toHaveBeenCalledTimes(2);
  });
});
