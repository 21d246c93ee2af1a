// CloudFormation replaced at the SDK boundary (aws-sdk-client-mock), as in the tracker's integration test:
// everything above the SDK (driver, tracker, database, tRPC, HTTP) is the portal's own code. Each stack's
// events appear at a moment the benchmark records, and DescribeStackEvents calls are counted per stack.
import { performance } from "node:perf_hooks";
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type StackEvent,
  UpdateTerminationProtectionCommand,
} from "@aws-sdk/client-cloudformation";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";

interface FakeStack {
  status: string;
  /** Newest first, as DescribeStackEvents returns them. */
  events: StackEvent[];
  describeEventsCalls: number;
}

export class FakeCloudFormation {
  private readonly stacks = new Map<string, FakeStack>();
  private readonly mock = mockClient(CloudFormationClient);
  // A create resolves Ubuntu's current AMI through SSM's public parameter (aws/parameters.ts).
  private readonly ssm = mockClient(SSMClient);
  private sequence = 0;
  /** EventId -> when a DescribeStackEvents call first returned it (the poller's read, for the breakdown). */
  private readonly firstReadAt = new Map<string, number>();

  constructor() {
    this.ssm.on(GetParameterCommand).resolves({ Parameter: { Value: "ami-0abcdef1234567890" } });
    this.mock.on(CreateChangeSetCommand).callsFake(({ StackName }) => {
      this.stack(StackName).status = "REVIEW_IN_PROGRESS";
      return { Id: `cs-${StackName}`, StackId: `arn:stack/${StackName}` };
    });
    this.mock.on(DescribeChangeSetCommand).resolves({ Status: "CREATE_COMPLETE", Changes: [] });
    this.mock.on(ExecuteChangeSetCommand).callsFake(({ StackName }) => {
      const name = nameOf(StackName);
      this.stack(name).status = "CREATE_IN_PROGRESS";
      this.addEvent(name, name, "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS");
      return {};
    });
    this.mock.on(UpdateTerminationProtectionCommand).resolves({});
    this.mock.on(DescribeStacksCommand).callsFake(({ StackName }) => ({
      Stacks: [
        {
          StackId: `arn:stack/${nameOf(StackName)}`,
          StackName: nameOf(StackName),
          StackStatus: this.stack(StackName).status,
          CreationTime: new Date(),
        },
      ],
    }));
    this.mock.on(DescribeStackEventsCommand).callsFake(({ StackName }) => {
      const stack = this.stack(StackName);
      stack.describeEventsCalls += 1;
      const now = performance.now();
      for (const event of stack.events) {
        if (event.EventId && !this.firstReadAt.has(event.EventId)) this.firstReadAt.set(event.EventId, now);
      }
      return { StackEvents: stack.events };
    });
  }

  /** Makes a new event visible to DescribeStackEvents; returns its id and the moment it became visible. */
  addEvent(stackName: string, logicalId: string, type: string, status: string) {
    this.sequence += 1;
    const eventId = `${stackName}-ev-${this.sequence}`;
    this.stack(stackName).events.unshift({
      EventId: eventId,
      StackId: `arn:stack/${stackName}`,
      StackName: stackName,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status as StackEvent["ResourceStatus"],
      Timestamp: new Date(),
    });
    return { eventId, visibleAt: performance.now() };
  }

  complete(stackName: string): void {
    this.addEvent(stackName, stackName, "AWS::CloudFormation::Stack", "CREATE_COMPLETE");
    this.stack(stackName).status = "CREATE_COMPLETE";
  }

  /** When the event was first read by any DescribeStackEvents call, if it was. */
  readAt(eventId: string): number | undefined {
    return this.firstReadAt.get(eventId);
  }

  describeEventsCalls(stackName: string): number {
    return this.stack(stackName).describeEventsCalls;
  }

  restore(): void {
    this.mock.restore();
    this.ssm.restore();
  }

  private stack(nameOrId: string | undefined): FakeStack {
    if (!nameOrId) throw new Error("a CloudFormation call without a StackName");
    const name = nameOf(nameOrId);
    let stack = this.stacks.get(name);
    if (!stack) {
      stack = { status: "REVIEW_IN_PROGRESS", events: [], describeEventsCalls: 0 };
      this.stacks.set(name, stack);
    }
    return stack;
  }
}

/** After the create, the driver names a stack by the id CreateChangeSet returned (arn:stack/<name>). */
const nameOf = (nameOrId: string | undefined): string => (nameOrId ?? "").replace(/^arn:stack\//, "");
