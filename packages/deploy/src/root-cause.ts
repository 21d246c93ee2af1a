// The root cause of a failed operation: CloudFormation reports many *_FAILED events, most of them
// consequences ("Resource creation cancelled"); the first real one is what the user must fix.

import type { StackEventRecord } from "./driver.js";
import { isFailedStatus } from "./stack-status.js";

export interface RootCause {
  logicalResourceId: string;
  resourceType: string;
  reason: string;
  /** The spec field that most likely fixes it, when the reason is recognisable. */
  specField?: string;
}

const CONSEQUENCES = [
  /Resource creation cancelled/i,
  /Resource update cancelled/i,
  /The following resource\(s\) failed/i,
];

// Reason patterns → the spec field a user changes to fix them. Ordered: first match wins.
const FIELD_HINTS: { pattern: RegExp; field: string }[] = [
  {
    pattern: /DBInstanceClass|instance class .* (not|isn't) (supported|available)/i,
    field: "database.instanceClass",
  },
  { pattern: /EngineVersion|engine version|Cannot find version/i, field: "database.engineVersion" },
  { pattern: /AllocatedStorage|storage/i, field: "database.allocatedStorageGb" },
  { pattern: /CidrBlock|CIDR|overlap/i, field: "network.vpcCidr" },
  { pattern: /certificate|ACM/i, field: "edge.acmCertificateArn" },
  { pattern: /HostedZone|Route ?53/i, field: "edge.hostedZoneId" },
  { pattern: /InstanceType|instance type/i, field: "edge.instanceType" },
  { pattern: /image|CannotPullContainer|repository/i, field: "app.image" },
  { pattern: /Cpu|Memory|task size/i, field: "app.cpu" },
  { pattern: /port .*(in use|taken)|EADDRINUSE/i, field: "app.containerPort" },
];

export function findRootCause(events: Omit<StackEventRecord, "stackName">[]): RootCause | null {
  const failed = [...events]
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())
    .filter((e) => isFailedStatus(e.resourceStatus));
  const first =
    failed.find((e) => !CONSEQUENCES.some((p) => p.test(e.resourceStatusReason ?? ""))) ?? failed[0];
  if (!first) return null;
  const reason = first.resourceStatusReason ?? first.resourceStatus;
  const hint = FIELD_HINTS.find((h) => h.pattern.test(reason));
  return {
    logicalResourceId: first.logicalResourceId,
    resourceType: first.resourceType,
    reason,
    specField: hint?.field,
  };
}
