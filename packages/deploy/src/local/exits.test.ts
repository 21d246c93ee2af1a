// How the sandbox learns that a process ended: a child's exit event (code and signal, at once), or, for a
// process it did not start, /proc looked at on a timer. A SIGKILLed task reports ECS's exit code 137.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeExit, exitCodeOf, trackExit, whenExited } from "./exits.js";
import { processStartTime } from "./supervisor.js";

function sleeper() {
  const child = spawn("sleep", ["30"], { stdio: "ignore" });
  const pid = child.pid ?? 0;
  return { child, managed: { pid, startTime: processStartTime(pid) ?? "", logFile: "" } };
}

describe("whenExited", () => {
  it("gives a tracked child's signal as it ends, as exit code 137 for SIGKILL", async () => {
    const { child, managed } = sleeper();
    trackExit(child);
    const exited = whenExited(managed);
    child.kill("SIGKILL");
    const exit = await exited;
    expect(exit).toEqual({ code: null, signal: "SIGKILL" });
    expect(exitCodeOf(exit)).toBe(137);
    expect(describeExit(exit)).toBe("killed by SIGKILL, exit code 137");
  });

  it("notices a process it did not track once /proc no longer has it, without its exit status", async () => {
    const { child, managed } = sleeper();
    const exited = whenExited(managed, 20);
    child.kill("SIGTERM");
    await expect(exited).resolves.toBeNull();
    expect(describeExit(null)).toMatch(/^exit status not seen/);
  });
});
