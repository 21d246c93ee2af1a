// An environment's health per tier, the same shape for both targets: what `copilot svc status` and the
// ECS, ELB, EC2 and RDS consoles show, read on demand. AWS reads it with describe calls (aws/health.ts),
// the local sandbox from its processes (local/health.ts). Each tier carries its own state and the reasons
// behind it, so a degraded environment says which tier and why.
import type { StackRef } from "../stack-ref.js";

/** healthy: all is well; degraded: serving, with less than wanted; unhealthy: not serving; unknown: unread. */
export type HealthState = "healthy" | "degraded" | "unhealthy" | "unknown";

interface TierBase {
  state: HealthState;
  /** Why the tier is not healthy (empty when it is), in words a person can act on. */
  reasons: string[];
}

/** The nginx instance (EC2 DescribeInstanceStatus), or locally the nginx process. */
export interface EdgeHealth extends TierBase {
  id: string;
  /** EC2's instance state: pending, running, stopping, stopped, shutting-down, terminated. */
  instanceState: string;
  /** EC2's status checks (ok, impaired, initializing, insufficient-data, not-applicable). */
  systemStatus: string;
  instanceStatus: string;
}

/** A task that stopped (ECS DescribeTasks on STOPPED tasks), newest first. */
export interface StoppedTask {
  taskId: string;
  stoppedAt: string;
  /** ECS's stoppedReason, e.g. "Essential container in task exited". */
  reason: string;
  exitCode?: number;
}

/** A service event (ECS DescribeServices events), newest first. */
export interface ServiceEvent {
  id: string;
  createdAt: string;
  message: string;
}

export interface ServiceHealth extends TierBase {
  name: string;
  desired: number;
  running: number;
  pending: number;
  /** Deployments whose rollout is still in progress (ECS rolloutState IN_PROGRESS). */
  deploymentsInProgress: number;
  stoppedTasks: StoppedTask[];
  events: ServiceEvent[];
}

/** ELBv2's target health states. */
type TargetState = "initial" | "healthy" | "unhealthy" | "unused" | "draining" | "unavailable";

export interface TargetHealth {
  id: string;
  port?: number;
  state: TargetState | string;
  /** ELBv2's reason code, e.g. Target.FailedHealthChecks, Target.Timeout, Target.ResponseCodeMismatch. */
  reason?: string;
  description?: string;
}

export interface TargetGroupHealth extends TierBase {
  id: string;
  healthy: number;
  unhealthy: number;
  targets: TargetHealth[];
}

export interface PendingMaintenance {
  action: string;
  description?: string;
  /** When RDS applies it by itself (the later of the two dates AWS gives), if it said. */
  applyAfter?: string;
}

export interface DatabaseHealth extends TierBase {
  id: string;
  /** RDS's DBInstanceStatus (available, backing-up, modifying, ...); locally available or unreachable. */
  status: string;
  multiAz: boolean;
  pendingMaintenance: PendingMaintenance[];
}

export interface EnvironmentHealth {
  state: HealthState;
  checkedAt: string;
  /** A tier the environment lacks (no nginx with ACM TLS) is absent. */
  edge?: EdgeHealth;
  service?: ServiceHealth;
  targetGroup?: TargetGroupHealth;
  database?: DatabaseHealth;
}

export interface HealthReader {
  /** The environment's health now, or null when its stack does not exist. */
  read(stack: StackRef): Promise<EnvironmentHealth | null>;
}

const RANK: Record<HealthState, number> = { healthy: 0, unknown: 1, degraded: 2, unhealthy: 3 };

/** The worst of the tiers' states: the environment is as healthy as its least healthy tier. */
function overallState(states: HealthState[]): HealthState {
  return states.reduce<HealthState>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), "healthy");
}

/**
 * Running tasks against the desired count: all of them healthy, some degraded, none unhealthy. A desired
 * count of 0 (on AWS until an image is pushed: render/app-image.ts) serves nothing: unhealthy.
 */
export function serviceState(desired: number, running: number): HealthState {
  if (desired === 0) return "unhealthy";
  if (running >= desired) return "healthy";
  return running > 0 ? "degraded" : "unhealthy";
}

/** Healthy targets against all: any unhealthy one degrades the group; none healthy is unhealthy. */
export function targetGroupState(targets: TargetHealth[]): HealthState {
  const healthy = targets.filter((t) => t.state === "healthy").length;
  if (targets.length === 0) return "unhealthy";
  if (healthy === targets.length) return "healthy";
  return healthy > 0 ? "degraded" : "unhealthy";
}

export function assembleHealth(tiers: Omit<EnvironmentHealth, "state" | "checkedAt">): EnvironmentHealth {
  const states = Object.values(tiers).flatMap((tier) => (tier ? [tier.state] : []));
  return { state: overallState(states), checkedAt: new Date().toISOString(), ...tiers };
}
