// The interface every deploy target implements (AWS CloudFormation, the local sandbox). One event
// shape for both, CloudFormation's StackEvent fields, so tracking and the dashboard have one code path.
import type { EnvironmentSpec } from "@stackyard/templates";

export type DeployTarget = "local" | "aws";

/** CloudFormation's StackEvent, reduced to the fields we store and show. */
export interface StackEventRecord {
  eventId: string;
  stackName: string;
  logicalResourceId: string;
  physicalResourceId?: string;
  resourceType: string;
  resourceStatus: string;
  resourceStatusReason?: string;
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
  /** CloudFormation's StackStatus, e.g. CREATE_IN_PROGRESS, CREATE_COMPLETE, ROLLBACK_COMPLETE. */
  status: string;
  statusReason?: string;
  outputs: Record<string, string>;
}

export interface DeployRequest {
  stackName: string;
  /** The rendered template as JSON text (what packages/templates renders). */
  templateBody: string;
  parameters?: Record<string, string>;
  tags?: Record<string, string>;
  /** Idempotency: retrying a request with the same token never starts a second operation. */
  clientRequestToken: string;
  /** The spec the template was rendered from: the local sandbox builds its stand-ins from it. */
  spec: EnvironmentSpec;
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
  describe(stackName: string): Promise<StackDescription | null>;
  /** Events newer than the event with id `afterEventId` (all when undefined), oldest first. */
  eventsSince(stackName: string, afterEventId?: string): Promise<StackEventRecord[]>;
  delete(stackName: string, clientRequestToken: string): Promise<void>;
  /** Drops a prepared change that will never be executed (a replaced review); targets without one skip it. */
  discard?(stackName: string, changeSetId: string): Promise<void>;
}

/** Terminal stack states: polling stops once one is reached. */
export function isTerminalStatus(status: string): boolean {
  return /_COMPLETE$|_FAILED$/.test(status) && !/_IN_PROGRESS/.test(status);
}
