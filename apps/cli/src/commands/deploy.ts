// stackyard deploy --spec FILE [--target T] [--expires-in D] [--yes] [--allow-data-loss] [--json]: launches the
// environment, or updates it when one of that name is live (planned by the portal, then applied), and
// follows its events until the stack completes (exit 0) or fails (exit 1, root cause and spec field).
import { randomUUID } from "node:crypto";
import type { EnvironmentSpec } from "@stackyard/templates";
import { expiryOf, jsonOption, noPositionals, parse, type Target, targetOf, targetOption } from "../args.js";
import { connect } from "../credentials.js";
import { eventsAfter } from "../environments.js";
import { badInput, CliError } from "../errors.js";
import { follow } from "../follow.js";
import type { Io } from "../io.js";
import { report } from "../outcome.js";
import { checksText, costText, updateText } from "../plan-view.js";
import { hasErrors, type Planning, planDeploy } from "../planning.js";
import type { Portal } from "../portal.js";
import { jsonReporter, plainReporter, ttyReporter } from "../reporters.js";
import { type ResourceRef, resourcesOf } from "../resources.js";
import { loadSpec } from "../spec-file.js";
import type { Command } from "./command.js";

const options = {
  ...jsonOption,
  ...targetOption,
  spec: { type: "string" },
  yes: { type: "boolean" },
  "allow-data-loss": { type: "boolean" },
  "expires-in": { type: "string" },
} as const;

export const deploy: Command = {
  usage:
    "deploy --spec FILE [--target local|aws] [--expires-in 90m|12h|7d] [--yes] [--allow-data-loss] [--json]\n" +
    "                                    launch, or update when it exists, and follow until done;\n" +
    "                                    --expires-in: the portal deletes it by itself then (previews)",
  async run(args, io) {
    const { values, positionals } = parse("deploy", args, options);
    noPositionals(positionals, "deploy");
    if (!values.spec) throw badInput("deploy needs --spec FILE");
    const target = targetOf(values.target);
    const expiresAt = expiryOf(values["expires-in"]);
    const spec = await loadSpec(values.spec, io);
    // A pipeline cannot answer a question: without --yes it is refused before anything is asked.
    if (!values.yes && !io.isTTY) throw badInput("deploy changes infrastructure: pass --yes to go ahead");
    const portal = await connect(io);
    const planning = await planDeploy(portal, spec, target);
    if (hasErrors(planning.findings)) {
      io.stderr(checksText(planning.findings));
      throw badInput(`${spec.name} fails its checks: run stackyard plan --spec ${values.spec} for details`);
    }
    if (!values.json) io.stdout(summary(spec, planning, target));
    const update = planning.update;
    // A preview deployed again from its pipeline keeps living: the new deadline counts from now.
    if (planning.existing && expiresAt) {
      await portal.mutate("environments.setExpiry", { id: planning.existing.id, expiresAt });
    }
    if (update && update.changes.length === 0) {
      if (!values.json) io.stdout(`${spec.name}: nothing to change\n`);
      return 0;
    }
    if (update?.dataLossWarnings.length && !values["allow-data-loss"]) {
      throw badInput(`${update.dataLossWarnings[0]} Pass --allow-data-loss to go ahead`);
    }
    if (!values.yes && !(await io.confirm?.(`${update ? "Update" : "Launch"} ${spec.name}?`))) {
      io.stderr("stackyard: nothing was changed\n");
      return 1;
    }
    const started = planning.existing
      ? await startUpdate(portal, planning, values["allow-data-loss"] === true)
      : await startLaunch(portal, spec, target ?? "local", expiresAt);
    if (!values.json)
      io.stdout(`${started.verb} ${spec.name} (${started.environmentId}) on ${started.target}\n`);
    const resources = update
      ? resourcesOf(spec).filter((r) =>
          update.changes.some((c) => c.logicalResourceId === r.logicalResourceId),
        )
      : resourcesOf(spec);
    const reporter = reporterFor(io, values.json === true, resources, started.target);
    const outcome = await follow(portal, started, reporter, io);
    return report(outcome, io, { name: spec.name, json: values.json === true });
  },
};

function summary(spec: EnvironmentSpec, planning: Planning, target: Target | undefined): string {
  const { existing, update } = planning;
  const head = existing ? "" : `${spec.name}: new environment on ${target ?? "local"}\n`;
  const body =
    update && existing ? updateText(existing.name, update) : `${costText(planning.cost).split("\n")[0]}\n`;
  return `${head}${body}`;
}

interface Started {
  verb: string;
  environmentId: string;
  operationId: string;
  target: Target;
  after: string | null;
}

async function startLaunch(
  portal: Portal,
  spec: EnvironmentSpec,
  target: Target,
  expiresAt: Date | undefined,
): Promise<Started> {
  // One token per attempt: a retried request launches once.
  const input = { target, spec, clientRequestToken: randomUUID(), ...(expiresAt ? { expiresAt } : {}) };
  const launched = await portal.mutate<{ environmentId: string; operationId: string }>(
    "environments.launch",
    input,
  );
  return { verb: "launching", ...launched, target, after: null };
}

async function startUpdate(
  portal: Portal,
  planning: Planning,
  acknowledgeDataLoss: boolean,
): Promise<Started> {
  const existing = planning.existing;
  const plan = planning.update;
  if (!existing || !plan) throw new CliError("internal: an update needs its plan");
  // Only the update's own events are shown: follow from the newest event there is now.
  const earlier = await eventsAfter(portal, existing.id, null);
  const input = { id: existing.id, planId: plan.planId, acknowledgeDataLoss };
  const applied = await portal.mutate<{ environmentId: string; operationId: string }>(
    "environments.update",
    input,
  );
  return { verb: "updating", ...applied, target: existing.target, after: earlier.at(-1)?.id ?? null };
}

function reporterFor(io: Io, json: boolean, resources: ResourceRef[], target: Target) {
  if (json) return jsonReporter(io);
  return io.isTTY ? ttyReporter(io, { resources, target }) : plainReporter(io);
}
