import { afterEach, describe, expect, it, vi } from "vitest";
import { startAdoptingOperations, stopAdoptingOperations } from "./adopt";

afterEach(() => {
  stopAdoptingOperations();
  vi.useRealTimers();
});

function fakeEngine(followRunning: () => Promise<number>) {
  return { tracker: { followRunning } } as unknown as Parameters<typeof startAdoptingOperations>[0];
}

describe("startAdoptingOperations", () => {
  it("looks for running operations once per period, with one timer per process", async () => {
    vi.useFakeTimers();
    const followRunning = vi.fn(async () => 0);
    startAdoptingOperations(fakeEngine(followRunning), 30_000);
    startAdoptingOperations(fakeEngine(followRunning), 30_000);
    expect(followRunning).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(followRunning).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(followRunning).toHaveBeenCalledTimes(3);
  });

  it("keeps looking after a failed look (the database was away)", async () => {
    vi.useFakeTimers();
    const followRunning = vi
      .fn()
      .mockRejectedValueOnce(new Error("connect ECONNREFUSED"))
      .mockResolvedValue(1);
    startAdoptingOperations(fakeEngine(followRunning), 1_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(followRunning).toHaveBeenCalledTimes(2);
  });
});
