// One replica replaces a task: the port's lock is held by a live process, or taken over from a dead one.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { lockTaskSlot } from "./scheduler-lock.js";

const dir = mkdtempSync(join(tmpdir(), "scheduler-lock-"));
afterEach(() => rmSync(join(dir, "scheduler-20001.lock"), { force: true }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("lockTaskSlot", () => {
  it("refuses a port whose lock a live process holds, until it is released", () => {
    const release = lockTaskSlot(dir, 20001);
    expect(release).not.toBeNull();
    expect(lockTaskSlot(dir, 20001)).toBeNull();
    expect(lockTaskSlot(dir, 20002)).not.toBeNull();
    release?.();
    expect(lockTaskSlot(dir, 20001)).not.toBeNull();
  });

  it("takes over a lock whose holder is gone", () => {
    // No process has pid 2^22 (the kernel's ceiling): its holder cannot be alive.
    writeFileSync(join(dir, "scheduler-20001.lock"), "4194304 12345");
    expect(lockTaskSlot(dir, 20001)).not.toBeNull();
  });
});
