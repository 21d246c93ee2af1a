// The `health` capability locally, from the processes themselves: nginx alive and answering (the nginx
// instance), the notes-api processes running and ready (the service), each one's /readyz as the load
// balancer's health check (the target group), and the environment's database user able to log in and
// query (the database). The stopped tasks and service events are the local scheduler's (scheduler.ts).
import { request } from "node:http";
import mysql from "mysql2/promise";
import type { StackRef } from "../driver.js";
import {
  assembleHealth,
  type DatabaseHealth,
  type EdgeHealth,
  type EnvironmentHealth,
  type HealthReader,
  type ServiceHealth,
  serviceState,
  type TargetGroupHealth,
  type TargetHealth,
  targetGroupState,
} from "../observe/health.js";
import { edgeHealth, RECENT, serviceReasons, targetReasons } from "../observe/health-rules.js";
import { templateResources } from "./ordering.js";
import { serviceNameOf } from "./scheduler-record.js";
import { roleOf, type SandboxContext } from "./stand-ins.js";
import type { StackState } from "./state-store.js";
import { isRunning } from "./supervisor.js";

export interface LocalHealthSource {
  context(stackName: string): SandboxContext;
  /** The stack when it is live and this environment's (as describe() decides), else null. */
  owned(stack: StackRef): Promise<boolean>;
  /** Someone is looking: make sure the stack's tasks are watched and replaced (scheduler.ts). */
  supervise(stackName: string): void;
}

const PROBE_TIMEOUT_MS = 2000;

export class LocalHealthReader implements HealthReader {
  constructor(private readonly source: LocalHealthSource) {}

  async read(stack: StackRef): Promise<EnvironmentHealth | null> {
    if (!(await this.source.owned(stack))) return null;
    const ctx = this.source.context(stack.stackName);
    const state = ctx.store.read();
    if (!state) return null;
    this.source.supervise(stack.stackName);
    const targets = await Promise.all(state.plan.taskPorts.map((port) => probeTarget(state, port)));
    const resources = templateResources(ctx.store.readTemplate() ?? "{}");
    const hasEdge = resources.some((r) => roleOf(r, resources) === "edge");
    const [edge, database] = await Promise.all([
      hasEdge ? readNginx(state) : undefined,
      readDatabase(ctx, state),
    ]);
    return assembleHealth({
      edge,
      service: serviceHealth(ctx.stackName, state, targets),
      targetGroup: targetGroupHealth(ctx.stackName, targets),
      database,
    });
  }
}

/** The load balancer's health check, locally: GET /readyz on the task, 200 healthy (ELBv2's reason codes). */
async function probeTarget(state: StackState, port: number): Promise<TargetHealth> {
  const target = { id: "127.0.0.1", port };
  if (!isRunning(state.tasks[String(port)])) {
    return {
      ...target,
      state: "unhealthy",
      reason: "Target.FailedHealthChecks",
      description: "the task's process is not running",
    };
  }
  const answer = await get(port, "/readyz");
  if (answer === 200) return { ...target, state: "healthy" };
  if (answer === "timeout") {
    return { ...target, state: "unhealthy", reason: "Target.Timeout", description: "Request timed out" };
  }
  if (answer === "refused") {
    return {
      ...target,
      state: "unhealthy",
      reason: "Target.FailedHealthChecks",
      description: "connection refused",
    };
  }
  return {
    ...target,
    state: "unhealthy",
    reason: "Target.ResponseCodeMismatch",
    description: `Health checks failed with these codes: [${answer}]`,
  };
}

/**
 * One GET on a fresh connection (no keep-alive pool): after nginx reloads, a pooled connection to an old
 * worker is closed under the next request, which would read as a failed check.
 */
function get(port: number, path: string): Promise<number | "timeout" | "refused"> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false, timeout: PROBE_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("timeout", () => {
      req.destroy();
      resolve("timeout");
    });
    req.once("error", () => resolve("refused"));
    req.end();
  });
}

function serviceHealth(stackName: string, state: StackState, targets: TargetHealth[]): ServiceHealth {
  const desired = state.plan.taskPorts.length;
  const running = targets.filter((t) => t.state === "healthy").length;
  // A process that runs but is not ready yet is a task still starting (migrating, connecting).
  const starting = state.plan.taskPorts.filter((p) => isRunning(state.tasks[String(p)])).length - running;
  const stoppedTasks = (state.service?.stoppedTasks ?? []).slice(0, RECENT);
  const health = serviceState(desired, running);
  return {
    state: health,
    reasons: serviceReasons(health, desired, running, stoppedTasks),
    name: serviceNameOf(stackName),
    desired,
    running,
    pending: Math.max(0, starting),
    deploymentsInProgress: /^(CREATE|UPDATE)_IN_PROGRESS$/.test(state.status) ? 1 : 0,
    stoppedTasks,
    events: (state.service?.events ?? []).slice(0, RECENT),
  };
}

function targetGroupHealth(stackName: string, targets: TargetHealth[]): TargetGroupHealth {
  return {
    state: targetGroupState(targets),
    reasons: targetReasons(targets),
    id: `${stackName}-upstream`,
    healthy: targets.filter((t) => t.state === "healthy").length,
    unhealthy: targets.filter((t) => t.state === "unhealthy").length,
    targets,
  };
}

/** EC2's two status checks, locally: the process exists (system), and nginx answers HTTP (instance). */
async function readNginx(state: StackState): Promise<EdgeHealth> {
  const id = `nginx 127.0.0.1:${state.plan.nginxPort}`;
  if (!isRunning(state.nginx)) return edgeHealth(id, { InstanceState: { Name: "stopped" } });
  const answer = await get(state.plan.nginxPort, "/.well-known/acme-challenge/health");
  const answers = typeof answer === "number";
  return edgeHealth(id, {
    InstanceState: { Name: "running" },
    SystemStatus: { Status: "ok" },
    InstanceStatus: { Status: answers ? "ok" : "impaired" },
  });
}

/** The environment's own user logs in and runs a query, as the app does (never the admin account). */
async function readDatabase(ctx: SandboxContext, state: StackState): Promise<DatabaseHealth> {
  const base = { id: state.plan.database.name, multiAz: false, pendingMaintenance: [] };
  const credentials = ctx.store.readCredentials();
  if (!credentials) {
    return {
      ...base,
      state: "unknown",
      reasons: ["the database's credentials are missing"],
      status: "unknown",
    };
  }
  try {
    const db = await mysql.createConnection({ ...credentials, connectTimeout: PROBE_TIMEOUT_MS });
    try {
      await db.query("SELECT 1");
    } finally {
      await db.end().catch(() => undefined);
    }
    return { ...base, state: "healthy", reasons: [], status: "available" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, state: "unhealthy", reasons: [`cannot connect: ${message}`], status: "unreachable" };
  }
}
