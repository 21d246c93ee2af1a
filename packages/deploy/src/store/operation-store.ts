// Where the engine keeps operations, their environments and the stack events it read: an interface, so
// the tracker and engine run on the portal's database (PrismaOperationStore) or, in unit tests, in memory
// (InMemoryOperationStore), as Backstage's scaffolder keeps its TaskStore behind an interface.
import type { Environment, EnvironmentStatus, Operation, OperationStatus } from "@stackyard/db";
import type { EnvironmentSpec } from "@stackyard/templates";
import type { StackEventRecord } from "../driver.js";

export type OperationWithEnvironment = Operation & { environment: Environment };

export interface OperationIds {
  operationId: string;
  environmentId: string;
}

/** How an operation ended (or failed to start). The lease and any tracking pause are cleared with it. */
export interface OperationEnd {
  status: Extract<OperationStatus, "succeeded" | "failed" | "rolled_back">;
  errorMessage?: string | null;
  /** Ended without ever running on the target (a delete with no stack): started and finished now. */
  endedAtStart?: boolean;
}

/** What the environment becomes, written in the same transaction as the operation's end. */
export interface EnvironmentChange {
  status: EnvironmentStatus;
  stackId?: string | null;
  outputs?: Record<string, string>;
  spec?: EnvironmentSpec;
  monthlyCostUsd?: number;
}

/** A stored event: what the target reported, in the order it was stored. */
export type StoredEvent = Omit<StackEventRecord, "stackName">;

export interface OperationStore {
  /** Operations recorded but not started, oldest first. */
  pendingOperationIds(): Promise<string[]>;
  /** Operations running on a target (after a restart, their tracking resumes). */
  runningOperationIds(): Promise<string[]>;
  load(operationId: string): Promise<OperationWithEnvironment | null>;
  /** Pending or running: not yet ended. */
  isUnfinished(operationId: string): Promise<boolean>;

  /** The target accepted the operation: it runs, and its environment is creating/updating/deleting. */
  markStarted(
    ids: OperationIds,
    started: { changeSetId: string | null; phase: string | null },
    environmentStatus: EnvironmentStatus,
  ): Promise<void>;
  setPhase(operationId: string, phase: string): Promise<void>;
  /** The target's id of the stack the environment owns, recorded as soon as it exists. */
  recordStackId(environmentId: string, stackId: string): Promise<void>;
  setEnvironmentSpec(environmentId: string, spec: EnvironmentSpec): Promise<void>;
  /** The operation's end and the environment's new state, in one transaction. */
  end(ids: OperationIds, end: OperationEnd, environment: EnvironmentChange): Promise<void>;
  /** Why tracking is paused (null: it runs again); the time it started is kept across updates. */
  setTrackingIssue(operationId: string, issue: string | null): Promise<void>;

  /**
   * Takes (or renews) the lease on an unfinished operation; false when another owner holds an unexpired
   * one. Atomic: two processes racing for the same operation cannot both win.
   */
  claimLease(operationId: string, owner: string, leaseMs: number): Promise<boolean>;
  releaseLease(operationId: string, owner: string): Promise<void>;

  /** The target's id of the newest event stored for the environment: the cursor for the next read. */
  lastEventId(environmentId: string): Promise<string | undefined>;
  /** Stores events once each (the target's event id is unique per environment); returns how many were new. */
  storeEvents(ids: OperationIds, events: StackEventRecord[]): Promise<number>;
  /** Stored events of an operation, or of every operation of an environment, in storage order. */
  storedEvents(of: { operationId: string } | { environmentId: string }): Promise<StoredEvent[]>;
}
