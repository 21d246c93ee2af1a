// The service and target-group tiers of an environment's health on AWS: ECS DescribeServices (counts,
// deployments, events), ListTasks + DescribeTasks on the STOPPED tasks (why tasks stopped), and ELBv2
// DescribeTargetHealth (each target's state and reason code).
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  type ECSClient,
  ListTasksCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import {
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { type BackoffOptions, withThrottlingRetry } from "../backoff.js";
import {
  type ServiceHealth,
  type StoppedTask,
  serviceState,
  type TargetGroupHealth,
  type TargetHealth,
  targetGroupState,
} from "../observe/health.js";
import { RECENT, serviceReasons, targetReasons } from "../observe/health-rules.js";

/** ListTasks pages of stopped tasks read at most (ECS keeps stopped tasks about an hour). */
const MAX_TASK_PAGES = 5;
/** DescribeTasks takes at most 100 tasks per call. */
const DESCRIBE_BATCH = 100;

export async function readService(
  ecs: ECSClient,
  cluster: string,
  serviceArn: string,
  backoff?: BackoffOptions,
): Promise<ServiceHealth> {
  const described = await withThrottlingRetry(
    () => ecs.send(new DescribeServicesCommand({ cluster, services: [serviceArn] })),
    backoff,
  );
  const service = described.services?.[0];
  if (!service) {
    const why = described.failures?.[0]?.reason ?? "not found";
    throw new Error(`ECS service ${serviceArn} could not be described: ${why}`);
  }
  const name = service.serviceName ?? serviceArn.split("/").pop() ?? serviceArn;
  const desired = service.desiredCount ?? 0;
  const running = service.runningCount ?? 0;
  const stoppedTasks = await readStoppedTasks(ecs, cluster, name, backoff);
  const state = serviceState(desired, running);
  return {
    state,
    reasons: serviceReasons(state, desired, running, stoppedTasks),
    name,
    desired,
    running,
    pending: service.pendingCount ?? 0,
    deploymentsInProgress: (service.deployments ?? []).filter((d) => d.rolloutState === "IN_PROGRESS").length,
    stoppedTasks,
    events: (service.events ?? []).slice(0, RECENT).map((e) => ({
      id: e.id ?? "",
      createdAt: (e.createdAt ?? new Date(0)).toISOString(),
      message: e.message ?? "",
    })),
  };
}

/** The most recent stopped tasks, newest first, with ECS's reason (and the essential container's exit). */
async function readStoppedTasks(
  ecs: ECSClient,
  cluster: string,
  serviceName: string,
  backoff?: BackoffOptions,
): Promise<StoppedTask[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_TASK_PAGES; page++) {
    const listed = await withThrottlingRetry(
      () => ecs.send(new ListTasksCommand({ cluster, serviceName, desiredStatus: "STOPPED", nextToken })),
      backoff,
    );
    arns.push(...(listed.taskArns ?? []));
    nextToken = listed.nextToken;
    if (!nextToken) break;
  }
  const tasks: Task[] = [];
  for (let i = 0; i < arns.length; i += DESCRIBE_BATCH) {
    const batch = arns.slice(i, i + DESCRIBE_BATCH);
    const described = await withThrottlingRetry(
      () => ecs.send(new DescribeTasksCommand({ cluster, tasks: batch })),
      backoff,
    );
    tasks.push(...(described.tasks ?? []));
  }
  return tasks
    .sort((a, b) => (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0))
    .slice(0, RECENT)
    .map(toStoppedTask);
}

function toStoppedTask(task: Task): StoppedTask {
  // The container that exited says more than the task ("Essential container in task exited").
  const container = task.containers?.find((c) => c.exitCode !== undefined || c.reason);
  const detail = container?.reason ? ` (${container.name}: ${container.reason})` : "";
  return {
    taskId: task.taskArn?.split("/").pop() ?? "",
    stoppedAt: (task.stoppedAt ?? task.stoppingAt ?? new Date(0)).toISOString(),
    reason: `${task.stoppedReason ?? task.stopCode ?? "stopped"}${detail}`,
    ...(container?.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
  };
}

export async function readTargetGroup(
  elb: ElasticLoadBalancingV2Client,
  targetGroupArn: string,
  backoff?: BackoffOptions,
): Promise<TargetGroupHealth> {
  const described = await withThrottlingRetry(
    () => elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    backoff,
  );
  const targets: TargetHealth[] = (described.TargetHealthDescriptions ?? []).map((d) => ({
    id: d.Target?.Id ?? "",
    ...(d.Target?.Port !== undefined ? { port: d.Target.Port } : {}),
    state: d.TargetHealth?.State ?? "unavailable",
    ...(d.TargetHealth?.Reason ? { reason: d.TargetHealth.Reason } : {}),
    ...(d.TargetHealth?.Description ? { description: d.TargetHealth.Description } : {}),
  }));
  const healthy = targets.filter((t) => t.state === "healthy").length;
  return {
    state: targetGroupState(targets),
    reasons: targetReasons(targets),
    id: targetGroupArn,
    healthy,
    unhealthy: targets.filter((t) => t.state === "unhealthy").length,
    targets,
  };
}
