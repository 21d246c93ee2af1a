// No plaintext secret anywhere in the template: not in properties, container environment, parameter
// defaults, user data or metadata. A template is shown in the browser and kept in stack history.
import type { CfnTemplate } from "../render/cfn.js";
import { type Finding, finding } from "./finding.js";
import { isObject, walk } from "./walk.js";

const CHECK = "secrets";
const SECRET_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;
// Names that contain a secret-ish word but hold references or switches, not secrets.
const NOT_A_SECRET = /(arn|name|id|manage|httptokens|secrets?$|valuefrom|options|rotation|generate|kmskey)/i;
const SECRET_VALUE = [
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: "an AWS access key ID" },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: "a private key" },
  {
    pattern: /\b(mysql|mariadb|postgres(ql)?)(\+\w+)?:\/\/[^:/\s]+:[^@\s]+@/,
    what: "a database URL with a password",
  },
];

export function checkSecrets(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  walk(template, (value, path) => {
    const owner = ownerOf(path);
    if (typeof value === "string") {
      for (const { pattern, what } of SECRET_VALUE) {
        if (pattern.test(value))
          findings.push(finding(CHECK, "error", owner, `contains ${what} in plain text (${path.join(".")})`));
      }
      const key = path[path.length - 1] ?? "";
      if (value !== "" && SECRET_NAME.test(key) && !NOT_A_SECRET.test(key)) {
        findings.push(finding(CHECK, "error", owner, `${path.join(".")} holds a literal secret value`));
      }
    }
    // Container environment: { Name: "DB_PASSWORD", Value: "literal" } — use Secrets instead.
    if (
      isObject(value) &&
      typeof value.Name === "string" &&
      typeof value.Value === "string" &&
      value.Value !== ""
    ) {
      if (SECRET_NAME.test(value.Name) && path.includes("Environment")) {
        findings.push(
          finding(
            CHECK,
            "error",
            owner,
            `environment variable ${value.Name} is set in plain text; use ECS secrets`,
          ),
        );
      }
    }
  });
  for (const [id, parameter] of isObject(template.Parameters) ? Object.entries(template.Parameters) : []) {
    if (SECRET_NAME.test(id) && !parameter?.NoEcho) {
      findings.push(
        finding(CHECK, "error", id, "a secret parameter without NoEcho is shown in the console and API"),
      );
    }
  }
  return findings;
}

function ownerOf(path: readonly string[]): string | null {
  const section = path[0];
  if ((section === "Resources" || section === "Parameters" || section === "Outputs") && path[1])
    return path[1];
  return null;
}
