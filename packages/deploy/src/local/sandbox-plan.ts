// The sandbox's plan for a stack: which database and user, which loopback ports. Chosen once at create;
// an update keeps the database and nginx port and only adds or drops task ports.
import type { EnvironmentSpec } from "@stackyard/templates";
import type { AdminConnection } from "./database.js";
import { sqlNames } from "./paths.js";
import type { PortAllocator } from "./ports.js";
import type { SandboxPlan } from "./state-store.js";

/** A shared development machine runs a handful of notes-api processes, not a production fleet. */
export const MAX_LOCAL_TASKS = 8;

export function localTaskCount(spec: EnvironmentSpec): number {
  return Math.min(spec.app.desiredCount, MAX_LOCAL_TASKS);
}

export async function planFor(
  stackName: string,
  spec: EnvironmentSpec,
  admin: AdminConnection,
  ports: PortAllocator,
  previous?: SandboxPlan,
): Promise<SandboxPlan> {
  const count = localTaskCount(spec);
  if (previous) {
    const kept = previous.taskPorts.slice(0, count);
    const added = kept.length < count ? await ports.allocate(count - kept.length) : [];
    return { ...previous, taskPorts: [...kept, ...added], desiredCount: spec.app.desiredCount };
  }
  const names = sqlNames(stackName);
  const [nginxPort, ...taskPorts] = await ports.allocate(count + 1);
  if (nginxPort === undefined) throw new Error("the port allocator returned no port");
  return {
    database: { name: names.database, user: names.user, host: admin.host, port: admin.port },
    taskPorts,
    desiredCount: spec.app.desiredCount,
    nginxPort,
  };
}
