// Local drift: the running sandbox compared with its plan (state.json) and its template. The database,
// the service's tasks and the edge nginx have real stand-ins and are checked (drift-checks.ts); every
// other resource has no local equivalent and is NOT_CHECKED, as CloudFormation reports a resource type
// that does not support drift detection.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
import type { ResourceChange, StackRef } from "../driver.js";
import { DeployError } from "../errors.js";
import { type DriftDetector, type DriftReport, driftReport, type ResourceDrift } from "../observe/drift.js";
import { checkDatabase, checkEdge, checkTasks, type Finding } from "./drift-checks.js";
import { type TemplateResource, templateResources } from "./ordering.js";
import { roleOf, type SandboxContext } from "./stand-ins.js";
import type { StackState } from "./state-store.js";

/** As CloudFormation: drift is detected on a stack at rest, never during an operation. */
const AT_REST = /^(CREATE_COMPLETE|UPDATE_COMPLETE|UPDATE_ROLLBACK_COMPLETE)$/;

export const NO_LOCAL_EQUIVALENT = "no local equivalent: simulated locally, so not checked";

export class LocalDriftDetector implements DriftDetector {
  constructor(private readonly contextOf: (stackName: string) => SandboxContext) {}

  async detect(stack: StackRef): Promise<DriftReport> {
    const ctx = this.contextOf(stack.stackName);
    const state = this.stateOf(ctx, stack);
    const resources = templateResources(ctx.store.readTemplate() ?? "{}");
    const drifts: ResourceDrift[] = [];
    for (const resource of resources) {
      const role = roleOf(resource, resources);
      const finding: Finding =
        role === "service"
          ? checkTasks(state)
          : role === "edge"
            ? checkEdge(ctx, state)
            : role === "database"
              ? await checkDatabase(ctx)
              : { status: "NOT_CHECKED", differences: [], reason: NO_LOCAL_EQUIVALENT };
      const physicalResourceId = state.resources[resource.logicalId]?.physicalId;
      drifts.push({
        logicalResourceId: resource.logicalId,
        ...(physicalResourceId ? { physicalResourceId } : {}),
        resourceType: resource.type,
        ...finding,
      });
    }
    return driftReport(drifts);
  }

  /**
   * An update's changes plus a Modify for each stand-in that drifted, so an update with the same spec is
   * not "nothing to apply": it brings the sandbox back to its plan (runUpdate re-applies drifted ones).
   */
  async withRepairs(
    stackName: string,
    next: TemplateResource[],
    changes: ResourceChange[],
  ): Promise<ResourceChange[]> {
    const state = this.contextOf(stackName).store.read();
    if (!state || !AT_REST.test(state.status)) return changes;
    // Best effort: a check that cannot run (MariaDB unreachable) must not stop the update being planned.
    const report = await this.detect({ stackName, stackId: state.stackId, environmentId: "" }).catch(
      () => null,
    );
    if (!report) return changes;
    const listed = new Set(changes.map((c) => c.logicalResourceId));
    const kept = new Set(next.map((r) => r.logicalId));
    const repairs = report.resources
      .filter(
        (r) => r.status === "MODIFIED" && kept.has(r.logicalResourceId) && !listed.has(r.logicalResourceId),
      )
      .map<ResourceChange>((r) => ({
        action: "Modify",
        logicalResourceId: r.logicalResourceId,
        resourceType: r.resourceType,
        replacement: "False",
      }));
    return [...changes, ...repairs];
  }

  private stateOf(ctx: SandboxContext, stack: StackRef): StackState {
    const state = ctx.store.read();
    const owned = state && (!stack.stackId || stack.stackId === state.stackId);
    if (!state || !owned || state.status === "DELETE_COMPLETE") {
      throw new DeployError("STACK_NOT_FOUND", `Stack [${stack.stackName}] does not exist`);
    }
    if (!AT_REST.test(state.status)) {
      throw new DeployError(
        "TARGET_ERROR",
        `Stack [${stack.stackName}] is ${state.status}: drift can be detected once the operation has finished`,
      );
    }
    return state;
  }
}
