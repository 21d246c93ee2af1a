// stackyard plan --spec FILE [--target T] [--json]: the checks, the monthly cost and, when the
// environment exists, the changes and replacements an update would make. Nothing is deployed.
// Exit 0 when the spec can be deployed, 2 when it is invalid or fails a check (each with its field).
import { jsonOption, noPositionals, parse, targetOf, targetOption } from "../args.js";
import { connect } from "../credentials.js";
import { badInput } from "../errors.js";
import { checksText, costText, updateText } from "../plan-view.js";
import { hasErrors, planDeploy } from "../planning.js";
import { resourcesOf } from "../resources.js";
import { loadSpec } from "../spec-file.js";
import type { Command } from "./command.js";

export const plan: Command = {
  usage:
    "plan --spec FILE [--target local|aws] [--json]\n" +
    "                                    checks, monthly cost, and the changes an update would make",
  async run(args, io) {
    const { values, positionals } = parse("plan", args, {
      ...jsonOption,
      ...targetOption,
      spec: { type: "string" },
    });
    noPositionals(positionals, "plan");
    if (!values.spec) throw badInput("plan needs --spec FILE");
    const target = targetOf(values.target);
    const spec = await loadSpec(values.spec, io);
    const planning = await planDeploy(await connect(io), spec, target);
    const { findings, cost, existing, update } = planning;
    if (values.json) {
      const environment = existing && { id: existing.id, status: existing.status, target: existing.target };
      io.stdout(
        `${JSON.stringify({ name: spec.name, findings, cost, existing: environment, update }, null, 2)}\n`,
      );
    } else {
      io.stdout(
        `${spec.name}: ${existing ? `exists on ${existing.target} (${existing.status})` : "new environment"}\n`,
      );
      io.stdout(checksText(findings) + costText(cost));
      if (update) io.stdout(updateText(spec.name, update));
      else if (!existing)
        io.stdout(`launch: ${resourcesOf(spec).length} resources on ${target ?? "local"}\n`);
    }
    if (hasErrors(findings)) {
      io.stderr(`stackyard: ${spec.name} fails its checks: fix the errors above before deploying\n`);
      return 2;
    }
    return 0;
  },
};
