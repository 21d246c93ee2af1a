// The Dockerfile's CMD is the one command notes-api runs with: `npm start`, the tests and the local sandbox
// must not drift from it, and its V8 flags must still exist in the Node that runs it.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_DIR, containerCommandArgs } from "./testing/process.test-helpers.js";

describe("the container's command", () => {
  it("is what npm start runs", () => {
    const pkg = JSON.parse(readFileSync(join(APP_DIR, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(["node", ...containerCommandArgs()].join(" "));
  });

  it("runs dist/main.js with flags this Node accepts (an unknown V8 flag makes node exit 9)", () => {
    const args = containerCommandArgs();
    expect(args.at(-1)).toBe("dist/main.js");
    const flags = args.slice(0, -1);
    expect(flags).toEqual(["--no-allocation-site-pretenuring", "--no-concurrent-recompilation"]);
    expect(() => execFileSync(process.execPath, [...flags, "-e", "0"], { stdio: "pipe" })).not.toThrow();
  });
});
