// The interface every deploy target implements (AWS CloudFormation, the local sandbox). One event
// shape for both, CloudFormation's StackEvent fields, so tracking and the dashboard have one code path.

import type { EnvironmentSpec } from "@stackyard/templates";
import type { DriftDetector } from "./observe/drift.js";
import type { HealthReader } from "./observe/health.js";
import type { LogReader } from "./observe/logs.js";
import type { ProcessControl } from "./processes.js";
import type { StackLocator, StackRef } from "./stack-ref.js";
import type { AnyStatus, StackStatus } from "./stack-status.js";

export type DeployTarget = "local" | "aws";

export { type StackLocator, type StackRef, stackNameOf, stackRefOf } from "./stack-ref.js";

/** CloudFormation's StackEvent, reduced to the fields we store and show. */
export interface StackEventRecord {
  eventId: string;
  stackName: string;
  logicalResourceId: string;
  physicalResourceId?: string;
  resourceType: string;
  resourceStatus: AnyStatus;
  resourceStatusReason?: string;
  /** The token of the request that caused the event (CloudFormation stamps it): which operation it is of. */
  clientRequestToken?: string;
  timestamp: Date;
}

/** What a change set (or the local equivalent) will do to one resource. */
export interface ResourceChange {
  action: "Add" | "Modify" | "Remove" | "Import" | "Dynamic";
  logicalResourceId: string;
  resourceType: string;
  /** "True" means the resource is replaced: for the database that is data loss without a snapshot. */
  replacement?: "True" | "False" | "Conditional";
}

export interface StackDescription {
  stackId: string;
  stackName: string;
  status: StackStatus;
  statusReason?: string;
  outputs: Record<string, string>;
}

export interface DeployRequest {
  stackName: string;
  /** The environment the stack belongs to (recorded with the stack, checked on every later operation). */
  environmentId?: string;
  /** The stack the environment recorded, for updates: an update never reaches another stack of the name. */
  stackId?: string | null;
  /** The rendered template as JSON text (what packages/templates renders). */
  templateBody: string;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
  /** Idempotency: retrying a request with the same token never starts a second operation. */
  clientRequestToken: string;
  /** The spec the template was rendered from: the local sandbox builds its stand-ins from it. */
  spec: EnvironmentSpec;
  /** AWS: resolve Ubuntu's current AMI again on this update (replaces the instances); else keep it. */
  refreshAmi?: boolean;
}

export interface PreparedChange {
  stackId: string;
  changeSetId?: string;
  changes: ResourceChange[];
}

export interface DeployDriver {
  readonly target: DeployTarget;
  /** Checks the template with the target (CloudFormation ValidateTemplate); throws with the reason. */
  validate(templateBody: string): Promise<void>;
  /** Prepares a create or update (a change set where the target has them) and returns its changes. */
  prepare(kind: "create" | "update", request: DeployRequest): Promise<PreparedChange>;
  /** Starts what prepare() described. */
  execute(prepared: PreparedChange, request: DeployRequest): Promise<void>;
  /** The stack now, or null when it does not exist (or was deleted). */
  describe(stack: StackLocator): Promise<StackDescription | null>;
  /** Events newer than the event with id `afterEventId` (all when undefined), oldest first. */
  eventsSince(stack: StackLocator, afterEventId?: string): Promise<StackEventRecord[]>;
  /** Deletes the stack; refuses one that belongs to another environment. */
  delete(stack: StackLocator, clientRequestToken: string): Promise<void>;
  /** Drops a prepared change that will never be executed (a replaced review); targets without one skip it. */
  discard?(stack: StackLocator, changeSetId: string): Promise<void>;
  /** Continues a rollback that failed (UPDATE_ROLLBACK_FAILED); targets without the state lack it. */
  continueRollback?(stack: StackRef, clientRequestToken: string): Promise<void>;
  /** Processes the target runs itself (the local sandbox): restart, problems, password rotation. */
  readonly processes?: ProcessControl;
  /** Per-tier health now (capability: callers check it is there). */
  readonly health?: HealthReader;
  /** Compares the running resources with what was deployed (capability: callers check it is there). */
  readonly drift?: DriftDetector;
  /** The app's logs: history and a live tail (capability: callers check it is there). */
  readonly logs?: LogReader;
}
