import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "./run.js";

function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = runCli(args, {
    readStdin: () => "",
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "stackyard-diff-"));
const file = (name: string, spec: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(spec));
  return path;
};

describe("stackyard-templates diff", () => {
  const old = file("old.json", { name: "notes-prod" });

  test("a renamed database is reported as replaced because of DBName, with the data consequence", () => {
    const renamed = file("new.json", { name: "notes-prod", database: { name: "notes_v2" } });
    const { code, stdout } = cli(["diff", "--from", old, "--to", renamed]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Modify DbInstance \(AWS::RDS::DBInstance\): REPLACED because of DBName/);
    expect(stdout).toMatch(/data: The database is replaced by a new, empty instance/);
  });

  test("--format json gives the prediction per resource", () => {
    const bigger = file("bigger.json", { name: "notes-prod", database: { allocatedStorageGb: 50 } });
    const { code, stdout } = cli(["diff", "--from", old, "--to", bigger, "--format", "json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      expect.objectContaining({
        logicalResourceId: "DbInstance",
        predictedReplacement: "False",
        replacementCauses: [],
        changedProperties: ["AllocatedStorage"],
      }),
    ]);
  });

  test("the same spec twice changes nothing; a missing --to is a usage error", () => {
    expect(cli(["diff", "--from", old, "--to", old]).stdout).toMatch(/No changes/);
    expect(cli(["diff", "--from", old]).code).toBe(2);
  });
});
