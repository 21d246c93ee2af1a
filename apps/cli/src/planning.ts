// What deploying a spec would do, asked of the portal: its checks and cost (templates.*), whether the
// environment exists, and for a live one the update the portal prepares (environments.planUpdate: a
// change set on AWS; the review expires after 30 minutes and deploy applies exactly it).
import type { CostEstimate, EnvironmentSpec, Finding } from "@stackyard/templates";
import type { Target } from "./args.js";
import { BUSY, type EnvironmentRow, lookUp } from "./environments.js";
import { CliError } from "./errors.js";
import type { UpdatePlan } from "./plan-view.js";
import type { Portal } from "./portal.js";

export interface Planning {
  findings: Finding[];
  cost: CostEstimate;
  /** The environment of that name on that target, unless deleted. */
  existing: EnvironmentRow | null;
  /** For a live environment whose spec passes the checks. */
  update: UpdatePlan | null;
}

export const hasErrors = (findings: Finding[]) => findings.some((f) => f.severity === "error");

export async function planDeploy(portal: Portal, spec: EnvironmentSpec, target?: Target): Promise<Planning> {
  const [findings, cost, found] = await Promise.all([
    portal.query<Finding[]>("templates.check", { spec }),
    portal.query<CostEstimate>("templates.estimate", { spec }),
    lookUp(portal, spec.name, target),
  ]);
  const existing = found && found.status !== "deleted" ? found : null;
  if (!existing || hasErrors(findings)) return { findings, cost, existing, update: null };
  assertUpdatable(existing);
  const update = await portal.mutate<UpdatePlan>("environments.planUpdate", { id: existing.id, spec });
  return { findings, cost, existing, update };
}

/** A busy or failed environment cannot take an update: say what to do instead. */
function assertUpdatable(existing: EnvironmentRow): void {
  if (BUSY.has(existing.status)) {
    throw new CliError(
      `${existing.name} is ${existing.status}: wait for its operation (stackyard events ${existing.name} --follow)`,
    );
  }
  if (existing.status !== "live") {
    throw new CliError(
      `${existing.name} is ${existing.status} on ${existing.target}: delete it first (stackyard delete ${existing.name} --yes)`,
    );
  }
}
