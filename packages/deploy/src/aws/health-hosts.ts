// The edge and database tiers of an environment's health on AWS: EC2 DescribeInstanceStatus for the nginx
// instance (state and both status checks) and RDS DescribeDBInstances + DescribePendingMaintenanceActions.
import { DescribeInstanceStatusCommand, type EC2Client, type InstanceStatus } from "@aws-sdk/client-ec2";
import {
  DescribeDBInstancesCommand,
  DescribePendingMaintenanceActionsCommand,
  type RDSClient,
} from "@aws-sdk/client-rds";
import { type BackoffOptions, withThrottlingRetry } from "../backoff.js";
import type { DatabaseHealth, HealthState, PendingMaintenance } from "../observe/health.js";
import { edgeHealth } from "../observe/health-rules.js";

export async function readEdge(ec2: EC2Client, instanceId: string, backoff?: BackoffOptions) {
  const statuses: InstanceStatus[] = [];
  let nextToken: string | undefined;
  do {
    // IncludeAllInstances: a stopped instance is reported too (by default only running ones are).
    const page = await withThrottlingRetry(
      () =>
        ec2.send(
          new DescribeInstanceStatusCommand({
            InstanceIds: [instanceId],
            IncludeAllInstances: true,
            NextToken: nextToken,
          }),
        ),
      backoff,
    );
    statuses.push(...(page.InstanceStatuses ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return edgeHealth(
    instanceId,
    statuses.find((s) => s.InstanceId === instanceId),
  );
}

/** RDS statuses in which the instance serves connections as usual. */
const SERVING = new Set([
  "available",
  "backing-up",
  "storage-optimization",
  "configuring-enhanced-monitoring",
  "configuring-log-exports",
  "configuring-iam-database-auth",
]);
/** Statuses that pass by themselves (the instance is busy, restarting or being changed). */
const TRANSIENT = new Set([
  "creating",
  "modifying",
  "rebooting",
  "upgrading",
  "maintenance",
  "starting",
  "renaming",
  "resetting-master-credentials",
  "storage-config-upgrade",
  "moving-to-vpc",
]);

function databaseState(status: string): HealthState {
  if (SERVING.has(status)) return "healthy";
  return TRANSIENT.has(status) ? "degraded" : "unhealthy";
}

export async function readDatabase(
  rds: RDSClient,
  identifier: string,
  backoff?: BackoffOptions,
): Promise<DatabaseHealth> {
  const described = await withThrottlingRetry(
    () => rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier })),
    backoff,
  );
  const instance = described.DBInstances?.[0];
  if (!instance) throw new Error(`RDS instance ${identifier} was not found`);
  const status = instance.DBInstanceStatus ?? "unknown";
  const pendingMaintenance = instance.DBInstanceArn
    ? await readPendingMaintenance(rds, instance.DBInstanceArn, backoff)
    : [];
  const state = databaseState(status);
  return {
    state,
    reasons: state === "healthy" ? [] : [`the database is ${status}`],
    id: identifier,
    status,
    multiAz: instance.MultiAZ ?? false,
    pendingMaintenance,
  };
}

async function readPendingMaintenance(
  rds: RDSClient,
  dbInstanceArn: string,
  backoff?: BackoffOptions,
): Promise<PendingMaintenance[]> {
  const actions: PendingMaintenance[] = [];
  let marker: string | undefined;
  do {
    const page = await withThrottlingRetry(
      () =>
        rds.send(
          new DescribePendingMaintenanceActionsCommand({ ResourceIdentifier: dbInstanceArn, Marker: marker }),
        ),
      backoff,
    );
    for (const resource of page.PendingMaintenanceActions ?? []) {
      for (const detail of resource.PendingMaintenanceActionDetails ?? []) {
        const when = detail.CurrentApplyDate ?? detail.AutoAppliedAfterDate ?? detail.ForcedApplyDate;
        actions.push({
          action: detail.Action ?? "unknown",
          ...(detail.Description ? { description: detail.Description } : {}),
          ...(when ? { applyAfter: when.toISOString() } : {}),
        });
      }
    }
    marker = page.Marker;
  } while (marker);
  return actions;
}
