// CloudFormation-shaped events, appended to the stack's events.jsonl as they happen. Stack-level events
// carry the stack's own name as LogicalResourceId and AWS::CloudFormation::Stack as the type.
import { randomUUID } from "node:crypto";
import type { StackEventRecord } from "../driver.js";
import type { ResourceStatus, StackStatus } from "../stack-status.js";
import type { StateStore } from "./state-store.js";

export const STACK_TYPE = "AWS::CloudFormation::Stack";
export const SIMULATED = "simulated locally";

export class EventLog {
  constructor(
    private readonly store: StateStore,
    private readonly stackName: string,
    private readonly stackId: string,
  ) {}

  stack(status: StackStatus, reason?: string): StackEventRecord {
    return this.emit({
      logicalResourceId: this.stackName,
      physicalResourceId: this.stackId,
      resourceType: STACK_TYPE,
      resourceStatus: status,
      resourceStatusReason: reason,
    });
  }

  resource(
    logicalResourceId: string,
    resourceType: string,
    status: ResourceStatus,
    reason?: string,
    physicalResourceId?: string,
  ): StackEventRecord {
    return this.emit({
      logicalResourceId,
      resourceType,
      resourceStatus: status,
      resourceStatusReason: reason,
      physicalResourceId,
    });
  }

  private emit(fields: Omit<StackEventRecord, "eventId" | "stackName" | "timestamp">): StackEventRecord {
    const event: StackEventRecord = {
      eventId: randomUUID(),
      stackName: this.stackName,
      timestamp: new Date(),
      ...fields,
    };
    if (event.resourceStatusReason === undefined) delete event.resourceStatusReason;
    if (event.physicalResourceId === undefined) delete event.physicalResourceId;
    this.store.appendEvent(event);
    return event;
  }
}

/** Events after `afterEventId` (all of them when it is undefined or unknown), oldest first. */
export function eventsAfter(events: StackEventRecord[], afterEventId?: string): StackEventRecord[] {
  if (afterEventId === undefined) return events;
  const index = events.findIndex((event) => event.eventId === afterEventId);
  return index === -1 ? events : events.slice(index + 1);
}
