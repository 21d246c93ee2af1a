// The CLI's logic, separate from process plumbing so tests can run it in-process.
// Exit codes: 0 success, 1 check found errors, 2 invalid spec or usage.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { checkTemplate, hasErrors } from "../checks/index.js";
import { estimateMonthlyCost } from "../cost/estimate.js";
import { renderTemplate } from "../render/template.js";
import { defaultSpec, parseEnvironmentSpec } from "../spec/parse.js";
import type { EnvironmentSpec } from "../spec/schema.js";
import { runBootstrap } from "./bootstrap.js";
import { runDiff } from "./diff.js";
import { formatCost, formatFindings } from "./format.js";
import { runIamPolicy } from "./iam-policy.js";
import type { CliIo } from "./io.js";

export type { CliIo } from "./io.js";

const USAGE = `Usage: stackyard-templates <command> [options]

Commands:
  example                                 print a complete default spec (JSON)
  render --spec FILE [--format json|yaml] print the CloudFormation template
  check  --spec FILE [--format text|json] print findings; exit 1 if any is an error
  cost   --spec FILE [--format text|json] print the monthly cost estimate
  iam-policy --spec FILE [--for portal|cloudformation] [--account-id ID] [--region R]
             [--stack-name NAME] [--part N]
                                          print an IAM policy for this environment (JSON):
                                          --for portal (default) what the portal's identity needs
                                          (CloudFormation on this stack, iam:PassRole of the service
                                          role, reads); --for cloudformation what the CloudFormation
                                          service role needs; --part N prints the Nth of the managed
                                          policies it splits into (one holds 6,144 characters)
  diff --from FILE --to FILE [--format text|json]
                                          what updating from one spec to the other does on AWS:
                                          per resource, the changed properties, whether it is
                                          replaced (from the resource specification), and the cost
  bootstrap [--format json|yaml]          print the bootstrap stack (once per account and region):
                                          the CloudFormation service role and the permissions
                                          boundary every environment role carries

FILE is a JSON or YAML spec, or - for standard input.
Exit codes: 0 ok, 1 check errors, 2 invalid spec or usage.
`;

class UsageError extends Error {}

export function runCli(argv: string[], io: CliIo): number {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function run(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === "example") {
    io.stdout(`${JSON.stringify(defaultSpec(), null, 2)}\n`);
    return 0;
  }
  if (command === "bootstrap") {
    const options: Record<string, string> = {};
    parseFlags(rest, ["--format"], options);
    return runBootstrap(options.format, io);
  }
  if (command === "iam-policy") {
    const { options, spec: file } = parseIamPolicyOptions(rest);
    const spec = loadSpec(file, io);
    return spec ? runIamPolicy(spec, options, io) : 2;
  }
  if (command === "diff") {
    const options: Record<string, string> = {};
    parseFlags(rest, ["--from", "--to", "--format"], options);
    if (!options.from || !options.to) throw new UsageError("diff needs --from FILE and --to FILE");
    const from = loadSpec(options.from, io);
    const to = from && loadSpec(options.to, io);
    return from && to ? runDiff(from, to, options.format, io) : 2;
  }
  if (!["render", "check", "cost"].includes(command)) throw new UsageError(`unknown command "${command}"`);
  const options = parseOptions(rest);
  const format = options.format ?? (command === "render" ? "json" : "text");
  const allowed = command === "render" ? ["json", "yaml"] : ["text", "json"];
  if (!allowed.includes(format))
    throw new UsageError(`--format must be ${allowed.join(" or ")} for ${command}`);
  const spec = loadSpec(options.spec, io);
  if (!spec) return 2;

  if (command === "render") {
    const rendered = renderTemplate(spec);
    io.stdout(format === "yaml" ? rendered.yaml : rendered.json);
    return 0;
  }
  if (command === "check") {
    const findings = checkTemplate(renderTemplate(spec).template);
    io.stdout(format === "json" ? `${JSON.stringify(findings, null, 2)}\n` : formatFindings(findings));
    return hasErrors(findings) ? 1 : 0;
  }
  const estimate = estimateMonthlyCost(spec);
  io.stdout(format === "json" ? `${JSON.stringify(estimate, null, 2)}\n` : formatCost(estimate));
  return 0;
}

function parseOptions(args: string[]): { spec?: string; format?: string } {
  const options: { spec?: string; format?: string } = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    if (flag !== "--spec" && flag !== "--format") throw new UsageError(`unknown option "${arg}"`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    options[flag === "--spec" ? "spec" : "format"] = value;
  }
  if (!options.spec) throw new UsageError("--spec FILE is required (use - for standard input)");
  return options;
}

const IAM_POLICY_FLAGS = ["--spec", "--for", "--account-id", "--region", "--stack-name", "--part"];

/** "--flag value" and "--flag=value" pairs into `options` (keys without the dashes). */
function parseFlags(args: string[], allowed: string[], options: Record<string, string>): void {
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    if (!allowed.includes(flag ?? "")) throw new UsageError(`unknown option "${arg}"`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    options[(flag ?? "").slice(2)] = value;
  }
}

function parseIamPolicyOptions(args: string[]): { spec: string; options: Record<string, string> } {
  const options: Record<string, string> = {};
  parseFlags(args, IAM_POLICY_FLAGS, options);
  const { spec, ...rest } = options;
  if (!spec) throw new UsageError("--spec FILE is required (use - for standard input)");
  return { spec, options: rest };
}

/** Reads, parses and validates the spec; prints every problem and returns null when there is one. */
function loadSpec(file: string | undefined, io: CliIo): EnvironmentSpec | null {
  let text: string;
  try {
    text = file === "-" ? io.readStdin() : readFileSync(file ?? "", "utf8");
  } catch (error) {
    io.stderr(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return null;
  }
  let input: unknown;
  try {
    input = parseYaml(text); // YAML 1.2 is a superset of JSON: both spec formats parse here.
  } catch (error) {
    io.stderr(`${file} is neither JSON nor YAML: ${(error as Error).message.split("\n")[0]}\n`);
    return null;
  }
  const result = parseEnvironmentSpec(input);
  if (!result.ok) {
    io.stderr(
      `invalid spec ${file}:\n${result.errors.map((e) => `  ${e.path || "(spec)"}: ${e.message}\n`).join("")}`,
    );
    return null;
  }
  return result.spec;
}
