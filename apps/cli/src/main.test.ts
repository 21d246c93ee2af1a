// Bad input never reaches a portal: each case is one line on stderr, no stack trace, and exit 2 (or 1
// when the portal cannot be reached).
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnvironmentSpec } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { run } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "stackyard-cli-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
// No stored login can leak in: the config dir is an empty folder of the test's own.
const CONFIG = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), "stackyard-config-")) };
const ENV = { ...CONFIG, STACKYARD_URL: "http://127.0.0.1:3000", STACKYARD_TOKEN: "sy_test" };

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
    [["deploy", "--spec", good, "--target", "mars", "--yes"], /--target must be local or aws, not mars/],
    [["deploy", "--spec", good], /pass --yes to go ahead/],
    [["deploy", "extra", "--spec", good, "--yes"], /deploy takes no argument: extra/],
    [["delete", "cli-ok"], /pass --yes/],
    [["events", "cli-ok", "--after", "x1"], /--after must be an event id/],
    [["plan"], /plan needs --spec FILE/],
    [["plan", "--spec", good, "--yes"], /Unknown option '--yes'/],
    [["spec"], /spec needs a subcommand: spec example/],
    [["spec", "example", "--name", "Bad_Name"], /--name: name: /],
    [["login"], /login needs --url URL/],
    [["status", "a", "b"], /status needs exactly one environment NAME/],
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

  it("needs a login, or STACKYARD_URL and STACKYARD_TOKEN as a pair", async () => {
    const none = await cli(["status", "x"], CONFIG);
    expect(none.code).toBe(2);
    expectOneLine(none.stderr, /not logged in: run `stackyard login --url URL`/);
    const urlOnly = await cli(["status", "x"], { ...CONFIG, STACKYARD_URL: "http://127.0.0.1:3000" });
    expectOneLine(urlOnly.stderr, /STACKYARD_URL is set but STACKYARD_TOKEN is not/);
    const tokenOnly = await cli(["status", "x"], { ...CONFIG, STACKYARD_TOKEN: "t" });
    expectOneLine(tokenOnly.stderr, /STACKYARD_TOKEN is set but STACKYARD_URL is not/);
  });

  it("prints the usage on --help, of one command on COMMAND --help", async () => {
    const all = await cli(["--help"]);
    expect(all.code).toBe(0);
    for (const command of ["login", "spec", "plan", "deploy", "status", "events", "delete"]) {
      expect(all.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    }
    const one = await cli(["deploy", "--help"]);
    expect(one.stdout).toMatch(/^usage: stackyard deploy --spec FILE/);
    expect((await cli([])).code).toBe(2);
  });

  it("prints a valid example spec with the schema's defaults", async () => {
    const { code, stdout } = await cli(["spec", "example", "--name", "from-ci"], CONFIG);
    expect(code).toBe(0);
    const example = JSON.parse(stdout);
    expect(example.name).toBe("from-ci");
    expect(parseEnvironmentSpec(example)).toMatchObject({ ok: true, spec: example });
    const yaml = await cli(["spec", "example", "--yaml"], CONFIG);
    expect(parseEnvironmentSpec(parseYaml(yaml.stdout)).ok).toBe(true);
  });

  it("reads the spec from stdin with --spec -", async () => {
    let stderr = "";
    const code = await run(["deploy", "--spec", "-"], {
      env: ENV,
      readStdin: async () => "name: Not_Valid\n",
      stdout: () => undefined,
      stderr: (t) => {
        stderr += t;
      },
    });
    expect(code).toBe(2);
    expectOneLine(stderr, /invalid spec on stdin: name: /);
  });

  it("says in one line that the portal cannot be reached (exit 1)", async () => {
    // A port that was just free: nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const env = { ...CONFIG, STACKYARD_URL: `http://127.0.0.1:${port}`, STACKYARD_TOKEN: "sy_test" };
    const { code, stderr } = await cli(["status", "x"], env, fetch);
    expect(code).toBe(1);
    expectOneLine(
      stderr,
      new RegExp(`cannot reach the portal at http://127.0.0.1:${port} \\(ECONNREFUSED\\)`),
    );
  });
});
