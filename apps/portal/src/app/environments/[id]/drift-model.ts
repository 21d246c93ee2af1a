// What the drift panel and the diagram show of a detection: the resources worth a marker (MODIFIED,
// DELETED), the one-line summary, and how the environment is brought back on each target.
import type { DriftView } from "@/server/environments/drift";

export type DriftMark = "MODIFIED" | "DELETED";

/** No marks once an update ran after the detection: what it marked may have been brought back. */
export function driftMarks(view: DriftView | null | undefined): Record<string, DriftMark> {
  const marks: Record<string, DriftMark> = {};
  if (view?.stale) return marks;
  for (const r of view?.resources ?? []) {
    if (r.status === "MODIFIED" || r.status === "DELETED") marks[r.logicalResourceId] = r.status;
  }
  return marks;
}

export function driftSummary(view: DriftView): string {
  const { modified, deleted, inSync, notChecked } = view.counts;
  const checked = `${inSync} in sync, ${notChecked} not checked`;
  if (view.stackStatus === "IN_SYNC") return `In sync: ${checked}`;
  const parts = [modified ? `${modified} modified` : "", deleted ? `${deleted} deleted` : ""].filter(Boolean);
  return `Drifted: ${parts.join(", ")}; ${checked}`;
}

/**
 * Locally an update with the same spec re-applies the plan (restarts stopped tasks, rewrites nginx.conf,
 * resets the database user). CloudFormation updates only what the template changes, so on AWS the same
 * spec leaves drift in place: the resources are changed back where they were changed, or through the spec.
 */
export function repairAdvice(target: "aws" | "local"): string {
  return target === "local"
    ? "Review an update with the same spec: it re-applies the plan, restarting stopped tasks, rewriting the edited nginx.conf and resetting the database user."
    : "CloudFormation updates only what the template changes, so an update with the same spec does not undo drift: change the resources listed back in AWS, or change them through the spec in an update.";
}
