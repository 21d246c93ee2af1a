import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findRepoRoot } from "./paths.js";
import { containerCommandArgs } from "./tasks.js";

describe("the command a sandbox task runs", () => {
  it("is the notes-api image's CMD: its V8 flags, then dist/main.js", () => {
    const dockerfile = readFileSync(join(findRepoRoot(), "apps/notes-api/Dockerfile"), "utf8");
    const args = containerCommandArgs(dockerfile);
    expect(args.at(-1)).toBe("dist/main.js");
    expect(args.slice(0, -1).every((arg) => arg.startsWith("--"))).toBe(true);
  });

  it("skips HEALTHCHECK's indented CMD, and refuses a Dockerfile without a node CMD", () => {
    const healthcheck = 'HEALTHCHECK --interval=15s \\\n  CMD ["node", "-e", "0"]\n';
    expect(containerCommandArgs(`${healthcheck}CMD ["node", "--x", "dist/main.js"]\n`)).toEqual([
      "--x",
      "dist/main.js",
    ]);
    expect(() => containerCommandArgs(healthcheck)).toThrow(/no CMD \["node", \.\.\.\]/);
    expect(() => containerCommandArgs('CMD ["sh", "start.sh"]\n')).toThrow(/no CMD/);
  });
});
