// The local equivalent of a change set: what an update will add, modify or remove. Locally nothing is
// ever replaced (the database stays the same database), so replacement is always "False": it says what
// the sandbox does. What AWS would replace is predicted beside it for the review (updates/predictions.ts),
// which also lists resources AWS would replace that the sandbox has nothing to do for.
import { randomUUID } from "node:crypto";
import type { EnvironmentSpec } from "@stackyard/templates";
import type { ResourceChange } from "../driver.js";
import type { TemplateResource } from "./ordering.js";
import { localTaskCount } from "./sandbox-plan.js";
import type { SandboxPlan } from "./state-store.js";

export function newStackId(stackName: string): string {
  return `arn:stackyard:cloudformation:local:sandbox:stack/${stackName}/${randomUUID()}`;
}

export function updateChanges(
  old: TemplateResource[],
  next: TemplateResource[],
  plan: SandboxPlan,
  spec: EnvironmentSpec,
): ResourceChange[] {
  const oldById = new Map(old.map((r) => [r.logicalId, r]));
  const nextIds = new Set(next.map((r) => r.logicalId));
  const countChanges = plan.taskPorts.length !== localTaskCount(spec);
  const changes: ResourceChange[] = [];
  for (const resource of next) {
    const before = oldById.get(resource.logicalId);
    const change = { logicalResourceId: resource.logicalId, resourceType: resource.type };
    if (!before) changes.push({ action: "Add", ...change });
    else if (
      before.definition !== resource.definition ||
      (countChanges && resource.type === "AWS::ECS::Service")
    ) {
      changes.push({ action: "Modify", ...change, replacement: "False" });
    }
  }
  for (const resource of old) {
    if (!nextIds.has(resource.logicalId)) {
      changes.push({ action: "Remove", logicalResourceId: resource.logicalId, resourceType: resource.type });
    }
  }
  return changes;
}
