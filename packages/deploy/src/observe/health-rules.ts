// The rules that turn what a target reports into a tier's state and reasons, shared by the AWS and the
// local readers so that both say the same thing about the same situation.
import type { InstanceStatus } from "@aws-sdk/client-ec2";
import type { EdgeHealth, HealthState, ServiceHealth, StoppedTask, TargetHealth } from "./health.js";

/** How many stopped tasks and service events the dashboard shows. */
export const RECENT = 5;

export function edgeHealth(id: string, status: InstanceStatus | undefined): EdgeHealth {
  const instanceState = status?.InstanceState?.Name ?? "unknown";
  const systemStatus = status?.SystemStatus?.Status ?? "not-applicable";
  const instanceStatus = status?.InstanceStatus?.Status ?? "not-applicable";
  const checks = [systemStatus, instanceStatus];
  let state: HealthState = "healthy";
  const reasons: string[] = [];
  if (instanceState !== "running") {
    state = "unhealthy";
    reasons.push(`the nginx instance is ${instanceState}`);
  } else if (checks.includes("impaired")) {
    state = "unhealthy";
    reasons.push(`status checks: system ${systemStatus}, instance ${instanceStatus}`);
  } else if (checks.some((c) => c !== "ok")) {
    state = "degraded";
    reasons.push(`status checks not passed yet: system ${systemStatus}, instance ${instanceStatus}`);
  }
  return { state, reasons, id, instanceState, systemStatus, instanceStatus };
}

export function serviceReasons(
  state: ServiceHealth["state"],
  desired: number,
  running: number,
  stopped: StoppedTask[],
): string[] {
  if (state === "healthy") return [];
  if (desired === 0)
    return ["the desired count is 0: no task runs until an image is pushed (ImagePushCommands)"];
  const reasons = [`${running} of ${desired} task(s) running`];
  const last = stopped[0];
  if (last) reasons.push(`last task stopped: ${last.reason}`);
  return reasons;
}

/** One line per target that is not healthy: "10.0.3.7:5000 unhealthy: Target.Timeout (Request timed out)". */
export function targetReasons(targets: TargetHealth[]): string[] {
  if (targets.length === 0) return ["no registered targets: no task is running"];
  return targets
    .filter((t) => t.state !== "healthy")
    .map((t) => {
      const where = t.port !== undefined ? `${t.id}:${t.port}` : t.id;
      const why = [t.reason, t.description ? `(${t.description})` : ""].filter(Boolean).join(" ");
      return `${where} ${t.state}${why ? `: ${why}` : ""}`;
    });
}
