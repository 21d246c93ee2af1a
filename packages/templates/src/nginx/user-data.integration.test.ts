// The EC2 boot scripts under shellcheck (Debian's shellcheck package), exactly as rendered.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { bastionUserData, issueCertificateScript, nginxUserData } from "./user-data.js";

const SHELLCHECK = process.env.STACKYARD_SHELLCHECK_BINARY || "shellcheck";
const dir = mkdtempSync(join(tmpdir(), "stackyard-userdata-"));

function shellcheck(name: string, script: string): string {
  const file = join(dir, name);
  writeFileSync(file, script);
  try {
    execFileSync(SHELLCHECK, ["--shell=bash", "--severity=style", file], { encoding: "utf8" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

const alb = "internal-notes-123.us-east-1.elb.amazonaws.com";
const scripts: [string, string][] = [
  ["nginx user data, plain HTTP", nginxUserData({ albDnsName: alb, domain: null, certbotEmail: null })],
  [
    "nginx user data, certbot",
    nginxUserData({ albDnsName: alb, domain: "notes.example.com", certbotEmail: "ops@example.com" }),
  ],
  [
    "nginx user data, certbot, with cfn-signal",
    nginxUserData({
      albDnsName: alb,
      domain: "notes.example.com",
      certbotEmail: "ops@example.com",
      signal: { stackName: "notes-prod", resource: "NginxInstance", region: "us-east-1" },
    }),
  ],
  ["certificate issuance", issueCertificateScript("notes.example.com", "ops@example.com")],
  ["bastion user data (SSM)", bastionUserData("ssm")],
  ["bastion user data (SSH)", bastionUserData("ssh")],
];

describe.each(scripts)("%s", (name, script) => {
  test("passes shellcheck with no findings, style included", () => {
    expect(shellcheck(`${name.replace(/\W+/g, "-")}.sh`, script)).toBe("");
  });

  test("parses with bash -n", () => {
    expect(() => execFileSync("bash", ["-n"], { input: script })).not.toThrow();
  });
});

test("shellcheck is not a rubber stamp: an unquoted variable is reported", () => {
  expect(shellcheck("bad.sh", "#!/bin/bash\nfile=$1\nrm $file\n")).toMatch(/SC2086/);
});
