import { afterEach, describe, expect, it, vi } from "vitest";
import { pollUntil } from "./poll.js";

describe("pollUntil", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("looks once more after its process was suspended past the deadline", async () => {
    let now = 1_000_000;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    let ready = false;
    const looks: number[] = [];
    const look = async () => {
      looks.push(now);
      if (looks.length === 1) {
        // Suspended here for a minute; what it waits for became ready meanwhile.
        now += 60_000;
        ready = true;
        return false;
      }
      return ready;
    };
    await expect(pollUntil(look, 10_000, 1)).resolves.toBe(true);
    expect(looks).toEqual([1_000_000, 1_060_000]);
  });

  it("gives up once a look that started after the deadline failed", async () => {
    let now = 0;
    vi.spyOn(Date, "now").mockImplementation(() => now);
    const look = vi.fn(async () => {
      now += 400;
      return false;
    });
    await expect(pollUntil(look, 1_000, 1)).resolves.toBe(false);
    // Starts at 0, 400, 800 (before the deadline) and 1,200 (after it): four looks, then false.
    expect(look).toHaveBeenCalledTimes(4);
  });

  it("stops at the first true, and passes on what look throws", async () => {
    const look = vi.fn(async () => true);
    await expect(pollUntil(look, 1_000, 1)).resolves.toBe(true);
    expect(look).toHaveBeenCalledTimes(1);
    await expect(
      pollUntil(
        async () => {
          throw new Error("nginx exited at start");
        },
        1_000,
        1,
      ),
    ).rejects.toThrow("nginx exited at start");
  });
});
