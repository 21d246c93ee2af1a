// The OperationStore on the portal's database (packages/db). Leases are one conditional UPDATE, and events
// are unique by (environmentId, eventId), so several portal replicas share one store safely.
import type { EnvironmentStatus, PrismaClient } from "@stackyard/db";
import type { EnvironmentSpec } from "@stackyard/templates";
import type { StackEventRecord } from "../driver.js";
import { parseEventStatus } from "../stack-status.js";
import type {
  EnvironmentChange,
  OperationEnd,
  OperationIds,
  OperationStore,
  OperationWithEnvironment,
  StoredEvent,
} from "./operation-store.js";

export class PrismaOperationStore implements OperationStore {
  constructor(private readonly prisma: PrismaClient) {}

  async pendingOperationIds(): Promise<string[]> {
    const rows = await this.prisma.operation.findMany({
      where: { status: "pending" },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  async runningOperationIds(): Promise<string[]> {
    const rows = await this.prisma.operation.findMany({ where: { status: "running" }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  load(operationId: string): Promise<OperationWithEnvironment | null> {
    return this.prisma.operation.findUnique({ where: { id: operationId }, include: { environment: true } });
  }

  async isUnfinished(operationId: string): Promise<boolean> {
    const row = await this.prisma.operation.findUnique({
      where: { id: operationId },
      select: { status: true },
    });
    return row?.status === "pending" || row?.status === "running";
  }

  async markStarted(
    ids: OperationIds,
    started: { changeSetId: string | null; phase: string | null },
    environmentStatus: EnvironmentStatus,
  ): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.operation.update({
        where: { id: ids.operationId },
        data: { status: "running", startedAt: new Date(), ...started },
      }),
      this.prisma.environment.update({
        where: { id: ids.environmentId },
        data: { status: environmentStatus },
      }),
    ]);
  }

  async setPhase(operationId: string, phase: string): Promise<void> {
    await this.prisma.operation.update({ where: { id: operationId }, data: { phase } });
  }

  async recordStackId(environmentId: string, stackId: string): Promise<void> {
    await this.prisma.environment.update({ where: { id: environmentId }, data: { stackId } });
  }

  async setEnvironmentSpec(environmentId: string, spec: EnvironmentSpec): Promise<void> {
    await this.prisma.environment.update({ where: { id: environmentId }, data: { spec: spec as object } });
  }

  async end(ids: OperationIds, end: OperationEnd, environment: EnvironmentChange): Promise<void> {
    const now = new Date();
    const { spec, outputs, ...columns } = environment;
    await this.prisma.$transaction([
      this.prisma.operation.update({
        where: { id: ids.operationId },
        data: {
          status: end.status,
          errorMessage: end.errorMessage ?? null,
          finishedAt: now,
          ...(end.endedAtStart ? { startedAt: now } : {}),
          leaseOwner: null,
          leaseExpiresAt: null,
          // Over, so nothing is paused any more (cleared here, in the same write as the outcome).
          trackingIssue: null,
          trackingIssueSince: null,
        },
      }),
      this.prisma.environment.update({
        where: { id: ids.environmentId },
        data: {
          ...columns,
          ...(outputs ? { outputs } : {}),
          ...(spec ? { spec: spec as object } : {}),
        },
      }),
    ]);
  }

  async setTrackingIssue(operationId: string, issue: string | null): Promise<void> {
    if (issue === null) {
      await this.prisma.operation.update({
        where: { id: operationId },
        data: { trackingIssue: null, trackingIssueSince: null },
      });
      return;
    }
    await this.prisma.operation.updateMany({
      where: { id: operationId, trackingIssueSince: null },
      data: { trackingIssueSince: new Date() },
    });
    await this.prisma.operation.update({ where: { id: operationId }, data: { trackingIssue: issue } });
  }

  async claimLease(operationId: string, owner: string, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const { count } = await this.prisma.operation.updateMany({
      where: {
        id: operationId,
        status: { in: ["pending", "running"] },
        OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseExpiresAt: { lt: now } }],
      },
      data: { leaseOwner: owner, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
    });
    return count === 1;
  }

  async releaseLease(operationId: string, owner: string): Promise<void> {
    await this.prisma.operation.updateMany({
      where: { id: operationId, leaseOwner: owner },
      data: { leaseOwner: null, leaseExpiresAt: null },
    });
  }

  async lastEventId(environmentId: string): Promise<string | undefined> {
    const last = await this.prisma.stackEvent.findFirst({
      where: { environmentId },
      orderBy: { id: "desc" },
      select: { eventId: true },
    });
    return last?.eventId;
  }

  async storeEvents(ids: OperationIds, events: StackEventRecord[]): Promise<number> {
    if (events.length === 0) return 0;
    const { count } = await this.prisma.stackEvent.createMany({
      skipDuplicates: true,
      data: events.map((e) => ({
        environmentId: ids.environmentId,
        operationId: ids.operationId,
        eventId: e.eventId,
        logicalResourceId: e.logicalResourceId,
        physicalResourceId: e.physicalResourceId ?? null,
        resourceType: e.resourceType,
        resourceStatus: e.resourceStatus,
        resourceStatusReason: e.resourceStatusReason ?? null,
        clientRequestToken: e.clientRequestToken ?? null,
        timestamp: e.timestamp,
      })),
    });
    return count;
  }

  async storedEvents(of: { operationId: string } | { environmentId: string }): Promise<StoredEvent[]> {
    const rows = await this.prisma.stackEvent.findMany({ where: of, orderBy: { id: "asc" } });
    return rows.map((row) => ({
      eventId: row.eventId,
      logicalResourceId: row.logicalResourceId,
      physicalResourceId: row.physicalResourceId ?? undefined,
      resourceType: row.resourceType,
      resourceStatus: parseEventStatus(row.resourceStatus),
      resourceStatusReason: row.resourceStatusReason ?? undefined,
      clientRequestToken: row.clientRequestToken ?? undefined,
      timestamp: row.timestamp,
    }));
  }
}
