import { accessSync, constants, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { runCli } from "./run.js";

function cli(args: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = runCli(args, {
    readStdin: () => stdin,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), "stackyard-cli-"));
const specFile = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};

describe("stackyard-templates", () => {
  test("example prints a complete spec that renders as it is", () => {
    const example = cli(["example"]);
    expect(example.code).toBe(0);
    const spec = JSON.parse(example.stdout);
    expect(spec.network.privateSubnets).toHaveLength(3);
    expect(cli(["render", "--spec", "-"], example.stdout).code).toBe(0);
  });

  test("render prints JSON by default and YAML on request, from a file or stdin", () => {
    const file = specFile("ok.json", { name: "demo" });
    const json = cli(["render", "--spec", file]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).Resources.Vpc.Type).toBe("AWS::EC2::VPC");
    const yaml = cli(["render", "--spec=-", "--format", "yaml"], "name: demo\n");
    expect(parseYaml(yaml.stdout).Resources.Vpc.Type).toBe("AWS::EC2::VPC");
  });

  // ALB listeners take ACM certificates of their own region only:
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/https-listener-certificates.html
  test("an ACM certificate from another region exits 2 with the field's error", () => {
    const file = specFile("acm-region.json", {
      region: "eu-central-1",
      edge: {
        domain: "n.example.com",
        tls: "acm",
        acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc-123",
      },
    });
    const result = cli(["render", "--spec", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/edge\.acmCertificateArn.*us-east-1/);
  });

  test("an invalid spec prints every field error and exits 2", () => {
    const file = specFile("bad.json", {
      name: "1bad",
      app: { cpu: 300 },
      bastion: { access: "ssh", sshAllowedCidr: "0.0.0.0/0" },
    });
    for (const command of ["render", "check", "cost"]) {
      const result = cli([command, "--spec", file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/name: .*letter first/);
      expect(result.stderr).toMatch(/app.cpu: /);
      expect(result.stdout).toBe("");
    }
  });

  test("check prints findings and exits 0 without errors, 1 with one", () => {
    const clean = cli(["check", "--spec", specFile("clean.json", {})]);
    expect(clean.code).toBe(0);
    const warned = cli(["check", "--spec", specFile("single.json", { database: { multiAz: false } })]);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/WARNING DbInstance: database is single-AZ.*fix: database.multiAz/);
    expect(JSON.parse(cli(["check", "--spec", "-", "--format", "json"], "{}").stdout)).toBeInstanceOf(Array);
  });

  test("cost prints line items and a total", () => {
    const result = cli(["cost", "--spec", "-"], "{}");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/NAT gateway \(1\)\s+\$\d+\.\d\d/);
    expect(result.stdout).toMatch(/Total\s+\$\d+\.\d\d/);
  });

  test("iam-policy prints the portal's policy for the spec's stack, in the given account and region", () => {
    const file = specFile("iam.json", { name: "team-notes" });
    const result = cli(["iam-policy", "--spec", file, "--account-id", "210987654321", "--region=eu-west-1"]);
    expect(result.code).toBe(0);
    const policy = JSON.parse(result.stdout);
    expect(policy.Version).toBe("2012-10-17");
    expect(JSON.stringify(policy)).toContain(
      "arn:aws:cloudformation:eu-west-1:210987654321:stack/team-notes/*",
    );
    // The portal only drives CloudFormation: its policy fits one managed policy, and passes the service role.
    expect(result.stderr).toBe("");
    expect(JSON.stringify(policy)).toContain(
      "arn:aws:iam::210987654321:role/stackyard-cfn-exec-role-eu-west-1",
    );
    expect(JSON.stringify(policy)).not.toContain("ec2:RunInstances");
  });

  test("iam-policy --for cloudformation prints the service role's policy; --for anything else is refused", () => {
    const result = cli(
      ["iam-policy", "--spec", "-", "--for", "cloudformation", "--account-id", "210987654321"],
      "{}",
    );
    expect(result.code).toBe(0);
    const text = JSON.stringify(JSON.parse(result.stdout));
    expect(text).toContain("ec2:RunInstances");
    expect(text).toContain("kms:CreateGrant");
    expect(text).toContain(
      '"iam:PermissionsBoundary":"arn:aws:iam::210987654321:policy/stackyard-permissions-boundary-us-east-1"',
    );
    // Too big for one managed policy: the note says how to get it in parts.
    expect(result.stderr).toMatch(/print it as (\d+) parts with --part 1/);
    expect(cli(["iam-policy", "--spec", "-", "--for", "admin"], "{}")).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^--for: "admin" is not one of portal, cloudformation/),
    });
  });

  test("bootstrap prints the bootstrap stack as JSON or YAML, the same either way", () => {
    const json = cli(["bootstrap"]);
    expect(json.code).toBe(0);
    const template = JSON.parse(json.stdout);
    expect(template.Resources.CloudFormationServiceRole.Type).toBe("AWS::IAM::Role");
    expect(template.Outputs.PermissionsBoundaryArn.Export.Name).toBe("stackyard-permissions-boundary-arn");
    const yaml = cli(["bootstrap", "--format=yaml"]);
    expect(yaml.code).toBe(0);
    expect(parseYaml(yaml.stdout)).toEqual(template);
    expect(cli(["bootstrap", "--format", "text"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/json or yaml/),
    });
    expect(cli(["bootstrap", "--spec", "x"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown option/),
    });
  });

  test("iam-policy --part N prints managed policies that fit and together make the whole", () => {
    const args = ["iam-policy", "--spec", "-", "--for", "cloudformation"];
    const whole = JSON.parse(cli(args, "{}").stdout);
    const count = Number(cli(args, "{}").stderr.match(/as (\d+) parts/)?.[1]);
    expect(count).toBeGreaterThan(1);
    const parts = Array.from({ length: count }, (_, i) => cli([...args, "--part", String(i + 1)], "{}"));
    for (const part of parts) {
      expect(part.code).toBe(0);
      expect(JSON.stringify(JSON.parse(part.stdout)).length).toBeLessThanOrEqual(6144);
    }
    expect(parts.flatMap((p) => JSON.parse(p.stdout).Statement)).toEqual(whole.Statement);
    expect(cli([...args, "--part", String(count + 1)], "{}")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--part: this policy has \d+ parts/),
    });
  });

  test("iam-policy refuses a bad spec or option with the field named, exit 2", () => {
    const bad = cli(["iam-policy", "--spec", specFile("bad-iam.json", { name: "1bad" })]);
    expect(bad).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/name: .*letter first/) });
    expect(cli(["iam-policy", "--spec", "-", "--account-id", "12ab"], "{}")).toMatchObject({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^--account-id: an AWS account id is 12 digits/),
    });
    expect(cli(["iam-policy", "--spec", "-", "--stack-name", "no spaces"], "{}").stderr).toMatch(
      /^--stack-name: /,
    );
    expect(cli(["iam-policy", "--spec", "-", "--format", "yaml"], "{}")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown option "--format"/),
    });
    expect(cli(["iam-policy"]).stderr).toMatch(/--spec FILE is required/);
  });

  test("unreadable files, non-JSON text and unknown commands exit 2 with a reason", () => {
    expect(cli(["render", "--spec", join(dir, "missing.json")])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/ENOENT/),
    });
    expect(cli(["render", "--spec", "-"], "{ not: [valid")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/neither JSON nor YAML/),
    });
    expect(cli(["deploy"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/unknown command "deploy"/),
    });
    expect(cli(["render"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--spec FILE is required/),
    });
    expect(cli(["render", "--spec", "-", "--format", "xml"], "{}").code).toBe(2);
  });
});

// npm links a package's bins when it installs it (npm ci), before any build; a bin target that does not
// exist then is never linked, and `npx stackyard-templates` asks the public registry instead.
// https://docs.npmjs.com/cli/v11/configuring-npm/package-json#bin
describe("the bin npm links", () => {
  const root = new URL("../../", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
  const target = new URL(manifest.bin["stackyard-templates"], root);

  test("is a committed file outside dist/, executable, with a node shebang", () => {
    expect(manifest.bin["stackyard-templates"]).not.toMatch(/(^|\/)dist\//);
    expect(statSync(target).isFile()).toBe(true);
    expect(() => accessSync(target, constants.X_OK)).not.toThrow();
    expect(readFileSync(target, "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });
});
