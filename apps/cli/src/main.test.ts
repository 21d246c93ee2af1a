// Bad input never reaches a portal: each case is one line on stderr, no stack trace, and exit 2 (or 1
// when the portal cannot be reached).
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "stackyard-cli-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const ENV = { STACKYARD_URL: "http://127.0.0.1:3000", STACKYARD_TOKEN: "sy_test" };

/** Any request is a failure of the test: bad input must be refused before the portal is asked. */
const noFetch = (() => {
  throw new Error("the portal was asked");
}) as unknown as typeof fetch;

async function cli(argv: string[], env: Record<string, string | undefined> = ENV, fetch = noFetch) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    env,
    fetch,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

function expectOneLine(stderr: string, pattern: RegExp) {
  expect(stderr).toMatch(pattern);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("stackyard: bad input", () => {
  const good = file("good.json", JSON.stringify({ name: "cli-ok" }));

  it.each([
    [["deploy", "--spec", good, "--yes", "--bogus"], /Unknown option '--bogus'/],
    [["frobnicate"], /unknown command: frobnicate/],
    [["status"], /status needs exactly one environment NAME/],
    [["deploy", "--yes"], /deploy needs --spec FILE/],
    [["deploy", "--spec", join(dir, "missing.json"), "--yes"], /cannot read .*missing\.json: ENOENT/],
    [["deploy", "--spec", file("broken.json", "{ nope"), "--yes"], /is not valid JSON/],
    [["deploy", "--spec", good, "--target", "mars", "--yes"], /--target must be local or aws/],
    [["deploy", "--spec", good], /pass --yes/],
    [["delete", "cli-ok"], /pass --yes/],
  ])("%j exits 2 with one line", async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expectOneLine(stderr, message);
  });

  it("names every invalid field of a spec by its path", async () => {
    const spec = file("bad.yaml", "name: Not_Valid\nnetwork:\n  vpcCidr: nonsense\ntypo: 1\n");
    const { code, stderr } = await cli(["deploy", "--spec", spec, "--yes"]);
    expect(code).toBe(2);
    expectOneLine(stderr, /invalid spec .*bad\.yaml: name: .*; network\.vpcCidr: .*; typo: unknown field/);
  });

  it("needs STACKYARD_URL and STACKYARD_TOKEN", async () => {
    expectOneLine((await cli(["status", "x"], { STACKYARD_TOKEN: "t" })).stderr, /STACKYARD_URL is not set/);
    const noToken = await cli(["status", "x"], { STACKYARD_URL: "http://127.0.0.1:3000" });
    expect(noToken.code).toBe(2);
    expectOneLine(noToken.stderr, /STACKYARD_TOKEN is not set/);
  });

  it("says in one line that the portal cannot be reached (exit 1)", async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const env = { STACKYARD_URL: `http://127.0.0.1:${port}`, STACKYARD_TOKEN: "sy_test" };
    const { code, stderr } = await cli(["status", "x"], env, fetch);
    expect(code).toBe(1);
    expectOneLine(
      stderr,
      new RegExp(`cannot reach the portal at http://127.0.0.1:${port} \\(ECONNREFUSED\\)`),
    );
  });
});
