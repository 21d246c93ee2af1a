// What the health panel and the list's badge say about an environment's health: one line per tier, in
// words (the colour only repeats them), the tier's reasons, and the details a person acts on.
import type { EnvironmentHealth, HealthState } from "@stackyard/deploy";

export interface TierLine {
  key: "edge" | "service" | "targetGroup" | "database";
  title: string;
  state: HealthState;
  summary: string;
  reasons: string[];
  details: string[];
}

export const STATE_TEXT: Record<HealthState, string> = {
  healthy: "healthy",
  degraded: "degraded",
  unhealthy: "unhealthy",
  unknown: "unknown",
};

export const STATE_ICON: Record<HealthState, string> = {
  healthy: "✓",
  degraded: "!",
  unhealthy: "✗",
  unknown: "?",
};

export const STATE_TONE: Record<HealthState, string> = {
  healthy: "text-emerald-800 dark:text-emerald-300",
  degraded: "text-amber-800 dark:text-amber-300",
  unhealthy: "text-red-800 dark:text-red-300",
  unknown: "text-slate-600 dark:text-slate-400",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const when = (iso: string) => new Date(iso).toLocaleString();

export function tierLines(health: EnvironmentHealth, target: "aws" | "local"): TierLine[] {
  const lines: TierLine[] = [];
  const { edge, service, targetGroup, database } = health;
  if (edge) {
    lines.push({
      key: "edge",
      title: target === "aws" ? "nginx instance" : "nginx",
      state: edge.state,
      summary: `${edge.instanceState}; status checks: system ${edge.systemStatus}, instance ${edge.instanceStatus}`,
      reasons: edge.reasons,
      details: [],
    });
  }
  if (service) {
    const deploying = service.deploymentsInProgress
      ? `, ${plural(service.deploymentsInProgress, "deployment")} in progress`
      : "";
    lines.push({
      key: "service",
      title: "Service",
      state: service.state,
      summary: `${service.running} of ${service.desired} tasks running, ${service.pending} pending${deploying}`,
      reasons: service.reasons,
      details: [
        ...service.stoppedTasks.map((t) => `Task ${t.taskId} stopped ${when(t.stoppedAt)}: ${t.reason}`),
        ...service.events.map((e) => `${when(e.createdAt)}: ${e.message}`),
      ],
    });
  }
  if (targetGroup) {
    lines.push({
      key: "targetGroup",
      title: target === "aws" ? "Target group" : "Upstream (the load balancer's stand-in)",
      state: targetGroup.state,
      summary: `${targetGroup.healthy} healthy, ${targetGroup.unhealthy} unhealthy`,
      reasons: targetGroup.reasons,
      details: [],
    });
  }
  if (database) {
    const maintenance = database.pendingMaintenance.map(
      (m) =>
        `Pending maintenance: ${m.action}${m.description ? ` (${m.description})` : ""}${m.applyAfter ? `, applied after ${when(m.applyAfter)}` : ""}`,
    );
    lines.push({
      key: "database",
      title: "Database",
      state: database.state,
      summary: `${database.status}; Multi-AZ ${database.multiAz ? "on" : "off"}${maintenance.length ? `; ${plural(maintenance.length, "pending maintenance action")}` : ""}`,
      reasons: database.reasons,
      details: maintenance,
    });
  }
  return lines;
}

/** The list's badge: the overall state and, when not healthy, the first tier that is not. */
export function badgeText(health: EnvironmentHealth, target: "aws" | "local"): string {
  if (health.state === "healthy") return "healthy";
  const worst = tierLines(health, target).find((line) => line.state === health.state);
  return worst ? `${STATE_TEXT[health.state]}: ${worst.title.toLowerCase()}` : STATE_TEXT[health.state];
}
