// The OperationStore in memory, for unit tests of the tracker and engine: no database, the same contract
// (leases exclusive until they expire, events stored once each, an end written with its environment).
import { randomUUID } from "node:crypto";
import { type Environment, type EnvironmentStatus, type Operation, Prisma } from "@stackyard/db";
import type { EnvironmentSpec } from "@stackyard/templates";
import type { StackEventRecord } from "../driver.js";
import type {
  EnvironmentChange,
  OperationEnd,
  OperationIds,
  OperationStore,
  OperationWithEnvironment,
  StoredEvent,
} from "./operation-store.js";

type StoredRow = StoredEvent & OperationIds;

export class InMemoryOperationStore implements OperationStore {
  readonly environments = new Map<string, Environment>();
  readonly operations = new Map<string, Operation>();
  readonly events: StoredRow[] = [];

  /** Records an environment and its operation, with the defaults a launch would have. */
  add(
    environment: Partial<Environment> & Pick<Environment, "name" | "spec">,
    operation: Partial<Operation> = {},
  ) {
    const now = new Date();
    const env: Environment = {
      id: randomUUID(),
      target: "local",
      region: "local",
      status: "pending",
      stackId: null,
      outputs: null,
      monthlyCostUsd: null,
      ownerId: null,
      activeName: environment.name,
      stackRegion: "",
      databaseCredentialsRotatedAt: null,
      expiresAt: null,
      createdAt: now,
      updatedAt: now,
      ...environment,
    };
    const op: Operation = {
      id: randomUUID(),
      environmentId: env.id,
      kind: "create",
      status: "pending",
      specSnapshot: env.spec,
      clientRequestToken: randomUUID(),
      changeSetId: null,
      errorMessage: null,
      leaseOwner: null,
      leaseExpiresAt: null,
      phase: null,
      trackingIssue: null,
      trackingIssueSince: null,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      ...operation,
    };
    this.environments.set(env.id, env);
    this.operations.set(op.id, op);
    return { environment: env, operation: op };
  }

  async pendingOperationIds(): Promise<string[]> {
    return [...this.operations.values()]
      .filter((op) => op.status === "pending")
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((op) => op.id);
  }

  async runningOperationIds(): Promise<string[]> {
    return [...this.operations.values()].filter((op) => op.status === "running").map((op) => op.id);
  }

  async load(operationId: string): Promise<OperationWithEnvironment | null> {
    const operation = this.operations.get(operationId);
    const environment = operation && this.environments.get(operation.environmentId);
    return operation && environment ? { ...operation, environment: { ...environment } } : null;
  }

  async isUnfinished(operationId: string): Promise<boolean> {
    const status = this.operations.get(operationId)?.status;
    return status === "pending" || status === "running";
  }

  async markStarted(
    ids: OperationIds,
    started: { changeSetId: string | null; phase: string | null },
    environmentStatus: EnvironmentStatus,
  ): Promise<void> {
    this.patchOperation(ids.operationId, { status: "running", startedAt: new Date(), ...started });
    this.patchEnvironment(ids.environmentId, { status: environmentStatus });
  }

  async setPhase(operationId: string, phase: string): Promise<void> {
    this.patchOperation(operationId, { phase });
  }

  async recordStackId(environmentId: string, stackId: string): Promise<void> {
    this.patchEnvironment(environmentId, { stackId });
  }

  async setEnvironmentSpec(environmentId: string, spec: EnvironmentSpec): Promise<void> {
    this.patchEnvironment(environmentId, { spec: spec as object });
  }

  async end(ids: OperationIds, end: OperationEnd, environment: EnvironmentChange): Promise<void> {
    const now = new Date();
    this.patchOperation(ids.operationId, {
      status: end.status,
      errorMessage: end.errorMessage ?? null,
      finishedAt: now,
      ...(end.endedAtStart ? { startedAt: now } : {}),
      leaseOwner: null,
      leaseExpiresAt: null,
      trackingIssue: null,
      trackingIssueSince: null,
    });
    const { spec, monthlyCostUsd, ...columns } = environment;
    this.patchEnvironment(ids.environmentId, {
      ...columns,
      ...(spec ? { spec: spec as object } : {}),
      ...(monthlyCostUsd !== undefined ? { monthlyCostUsd: new Prisma.Decimal(monthlyCostUsd) } : {}),
    });
  }

  async setTrackingIssue(operationId: string, issue: string | null): Promise<void> {
    const since = this.operations.get(operationId)?.trackingIssueSince ?? null;
    this.patchOperation(operationId, {
      trackingIssue: issue,
      trackingIssueSince: issue === null ? null : (since ?? new Date()),
    });
  }

  async claimLease(operationId: string, owner: string, leaseMs: number): Promise<boolean> {
    const op = this.operations.get(operationId);
    if (!op || (op.status !== "pending" && op.status !== "running")) return false;
    const now = Date.now();
    const free = !op.leaseOwner || op.leaseOwner === owner || (op.leaseExpiresAt?.getTime() ?? 0) < now;
    if (!free) return false;
    this.patchOperation(operationId, { leaseOwner: owner, leaseExpiresAt: new Date(now + leaseMs) });
    return true;
  }

  async releaseLease(operationId: string, owner: string): Promise<void> {
    if (this.operations.get(operationId)?.leaseOwner !== owner) return;
    this.patchOperation(operationId, { leaseOwner: null, leaseExpiresAt: null });
  }

  async lastEventId(environmentId: string): Promise<string | undefined> {
    return this.events.findLast((e) => e.environmentId === environmentId)?.eventId;
  }

  async storeEvents(ids: OperationIds, events: StackEventRecord[]): Promise<number> {
    let stored = 0;
    for (const { stackName: _stackName, ...event } of events) {
      const seen = this.events.some(
        (e) => e.environmentId === ids.environmentId && e.eventId === event.eventId,
      );
      if (seen) continue;
      this.events.push({ ...event, ...ids });
      stored += 1;
    }
    return stored;
  }

  async storedEvents(of: { operationId: string } | { environmentId: string }): Promise<StoredEvent[]> {
    const matches =
      "operationId" in of
        ? (e: StoredRow) => e.operationId === of.operationId
        : (e: StoredRow) => e.environmentId === of.environmentId;
    return this.events.filter(matches).map(({ operationId: _o, environmentId: _e, ...event }) => event);
  }

  private patchOperation(id: string, patch: Partial<Operation>): void {
    const op = this.operations.get(id);
    if (!op) throw new Error(`no operation ${id}`);
    this.operations.set(id, { ...op, ...patch });
  }

  private patchEnvironment(id: string, patch: Partial<Environment>): void {
    const env = this.environments.get(id);
    if (!env) throw new Error(`no environment ${id}`);
    this.environments.set(id, { ...env, ...patch, updatedAt: new Date() });
  }
}
