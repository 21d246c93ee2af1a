// What each template resource becomes locally. Three have real stand-ins (the database, the service's
// tasks, the edge nginx); everything else has no local equivalent and is reported "simulated locally".
// Each stand-in reconciles towards a plan, so create, update and an update's rollback are one code path.
import { rmSync } from "node:fs";
import { join } from "node:path";
import {
  type AdminConnection,
  createDatabase,
  databaseExists,
  dropDatabase,
  dumpDatabase,
  newPassword,
} from "./database.js";
import { confOnDisk, localNginxConf, reloadNginx, startNginx, stopNginx, writeAndTestConf } from "./nginx.js";
import type { TemplateResource } from "./ordering.js";
import type { StackPaths } from "./paths.js";
import { MAX_LOCAL_TASKS } from "./sandbox-plan.js";
import { secretFilePath } from "./secret-file.js";
import type { SandboxPlan, StateStore } from "./state-store.js";
import { isRunning } from "./supervisor.js";
import { startTask, stopTask, taskPidFile } from "./tasks.js";

export interface SandboxContext {
  stackName: string;
  repoRoot: string;
  paths: StackPaths;
  store: StateStore;
  admin: () => AdminConnection;
  readyTimeoutMs: number;
}

export type Role = "database" | "service" | "edge" | "simulated";

export interface Applied {
  physicalId: string;
  /** Shown as the COMPLETE event's reason: what now runs locally (never a secret). */
  reason: string;
}

/** The nginx instance is the edge; with ACM TLS there is none and the load balancer is the edge. */
export function roleOf(resource: TemplateResource, all: TemplateResource[]): Role {
  if (resource.type === "AWS::RDS::DBInstance") return "database";
  if (resource.type === "AWS::ECS::Service") return "service";
  if (resource.type === "AWS::EC2::Instance" && resource.logicalId === "NginxInstance") return "edge";
  const hasNginx = all.some((r) => r.logicalId === "NginxInstance");
  if (resource.type === "AWS::ElasticLoadBalancingV2::LoadBalancer" && !hasNginx) return "edge";
  return "simulated";
}

export function simulatedReason(resource: TemplateResource): string {
  return resource.type === "AWS::ElasticLoadBalancingV2::LoadBalancer"
    ? "simulated locally: nginx's upstream over the notes-api processes stands in for the load balancer"
    : "simulated locally";
}

export async function applyRole(ctx: SandboxContext, role: Role, plan: SandboxPlan): Promise<Applied | null> {
  if (role === "database") return applyDatabase(ctx, plan);
  if (role === "service") return applyTasks(ctx, plan);
  if (role === "edge") return applyEdge(ctx, plan);
  return null;
}

export async function removeRole(ctx: SandboxContext, role: Role): Promise<string | undefined> {
  if (role === "database") return removeDatabase(ctx);
  if (role === "service") return removeTasks(ctx);
  if (role === "edge") return removeEdge(ctx);
  return undefined;
}

async function applyDatabase(ctx: SandboxContext, plan: SandboxPlan): Promise<Applied> {
  const { name, user, host, port } = plan.database;
  const credentials = ctx.store.readCredentials() ?? {
    user,
    password: newPassword(),
    database: name,
    host,
    port,
  };
  ctx.store.writeCredentials(credentials);
  await createDatabase(ctx.admin(), credentials);
  return {
    physicalId: name,
    reason: `database ${name} and user ${user} on the private MariaDB at ${host}:${port}`,
  };
}

/** The local DeletionPolicy: Snapshot: a mariadb-dump under dumps/ before the database is dropped. */
async function removeDatabase(ctx: SandboxContext): Promise<string | undefined> {
  const credentials = ctx.store.readCredentials();
  if (!credentials) return undefined;
  const admin = ctx.admin();
  let reason: string | undefined;
  if (await databaseExists(admin, credentials.database)) {
    ctx.store.ensureFolders();
    const file = join(ctx.paths.dumps, `${new Date().toISOString().replace(/[:.]/g, "-")}.sql`);
    await dumpDatabase(credentials, file, ctx.paths.root);
    reason = `database dumped to ${file}`;
  }
  await dropDatabase(admin, credentials.database, credentials.user);
  // Neither copy of the password outlives its user (as RDS deletes the secret it managed).
  rmSync(ctx.paths.credentials, { force: true });
  rmSync(secretFilePath(ctx.paths.root), { force: true });
  return reason;
}

/**
 * Like an ECS deployment behind a load balancer: new tasks start and become ready, the upstream (nginx)
 * switches to the new set, then the tasks no longer wanted stop (notes-api drains on SIGTERM).
 */
async function applyTasks(ctx: SandboxContext, plan: SandboxPlan): Promise<Applied> {
  const current = ctx.store.read()?.tasks ?? {};
  const credentials = ctx.store.readCredentials();
  if (!credentials) throw new Error("the database's credentials are missing: the database was not created");
  const missing = plan.taskPorts.filter((port) => !isRunning(current[String(port)]));
  const results = await Promise.allSettled(
    missing.map((port) =>
      startTask(port, {
        repoRoot: ctx.repoRoot,
        logsDir: ctx.paths.logs,
        pidsDir: ctx.paths.pids,
        credentials,
        readyTimeoutMs: ctx.readyTimeoutMs,
        onStarted: (task) =>
          ctx.store.update((s) => {
            s.tasks[String(port)] = task;
          }),
      }),
    ),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
  await retargetRunningNginx(ctx, plan);
  const wanted = new Set(plan.taskPorts.map(String));
  await Promise.all(
    Object.entries(current)
      .filter(([port]) => !wanted.has(port))
      .map(([port, task]) => stopAndForgetTask(ctx, Number(port), task)),
  );
  const ports = plan.taskPorts.map((port) => `127.0.0.1:${port}`).join(", ");
  const capped =
    (plan.desiredCount ?? 0) > plan.taskPorts.length
      ? ` (desired ${plan.desiredCount}; the local sandbox runs at most ${MAX_LOCAL_TASKS})`
      : "";
  return {
    physicalId: `${ctx.stackName}-notes-api`,
    reason: `${plan.taskPorts.length} notes-api process(es) ready on ${ports}${capped}`,
  };
}

/** The load balancer's target registration, locally: a running nginx gets the new upstream list. */
async function retargetRunningNginx(ctx: SandboxContext, plan: SandboxPlan): Promise<void> {
  const nginx = ctx.store.read()?.nginx;
  if (!nginx || !isRunning(nginx)) return;
  const conf = localNginxConf(plan.nginxPort, plan.taskPorts);
  if (confOnDisk(ctx.paths) === conf) return;
  await writeAndTestConf(ctx.paths, conf);
  reloadNginx(nginx);
}

async function stopAndForgetTask(ctx: SandboxContext, port: number, task: Parameters<typeof stopTask>[0]) {
  await stopTask(task, taskPidFile(ctx.paths.pids, port));
  ctx.store.update((s) => {
    delete s.tasks[String(port)];
  });
}

async function removeTasks(ctx: SandboxContext): Promise<string | undefined> {
  const tasks = Object.entries(ctx.store.read()?.tasks ?? {});
  await Promise.all(tasks.map(([port, task]) => stopAndForgetTask(ctx, Number(port), task)));
  return tasks.length ? `stopped ${tasks.length} notes-api process(es)` : undefined;
}

async function applyEdge(ctx: SandboxContext, plan: SandboxPlan): Promise<Applied> {
  const conf = localNginxConf(plan.nginxPort, plan.taskPorts);
  const nginx = ctx.store.read()?.nginx;
  const url = `http://127.0.0.1:${plan.nginxPort}`;
  const applied = {
    physicalId: `${ctx.stackName}-nginx`,
    reason: `nginx serving ${url}, upstream over ${plan.taskPorts.length} notes-api process(es)`,
  };
  if (isRunning(nginx) && confOnDisk(ctx.paths) === conf) return applied;
  await writeAndTestConf(ctx.paths, conf);
  if (nginx && isRunning(nginx)) reloadNginx(nginx);
  else
    await startNginx(ctx.paths, plan.nginxPort, (started) =>
      ctx.store.update((s) => {
        s.nginx = started;
      }),
    );
  return applied;
}

async function removeEdge(ctx: SandboxContext): Promise<string | undefined> {
  const nginx = ctx.store.read()?.nginx;
  if (!nginx) return undefined;
  await stopNginx(nginx, ctx.paths);
  ctx.store.update((s) => {
    delete s.nginx;
  });
  return "nginx stopped";
}
