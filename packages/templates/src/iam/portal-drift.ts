// "Detect drift" on the dashboard (packages/deploy/src/aws/drift.ts): DetectStackDrift on this stack, its
// status and results, and the reads CloudFormation makes with the caller's own permissions while it
// compares each resource with its template: "To successfully perform drift detection on a stack, the user
// must have read permissions for each supported resource in the stack"
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html,
// "Considerations when detecting drift"). Those reads are the read handler lists AWS publishes for the
// template's types (cfn-handler-permissions.json, handlers.read): describe, get and list calls only.
import type { CfnTemplate } from "../render/cfn.js";
import { resourceTypes } from "./derived.js";
import { repositoryArn } from "./grants.js";
import { HANDLER_REFERENCE } from "./handlers.js";
import { arn, inRegion, type PolicyScope, stackInstanceProfilesArn, stackRolesArn } from "./scope.js";
import { compactReads, type PolicyStatement } from "./statement.js";

export const DRIFT_READ_SIDS = [
  "ReadThisStacksResourcesForDriftDetection",
  "ReadThisStacksRepositoryForDriftDetection",
  "ReadThisStacksRolesForDriftDetection",
];

/** The read handler actions of every resource type in the template, sorted and without repeats. */
export function driftReadActions(template: CfnTemplate): string[] {
  const reads = resourceTypes(template).flatMap((type) => HANDLER_REFERENCE.types[type]?.read ?? []);
  return [...new Set(reads)].sort();
}

export function driftDetectionStatements(scope: PolicyScope, template: CfnTemplate): PolicyStatement[] {
  const reads = driftReadActions(template);
  const iamReads = reads.filter((action) => action.startsWith("iam:"));
  const ecrReads = reads.filter((action) => action.startsWith("ecr:"));
  const regionalReads = reads.filter((action) => !action.startsWith("iam:") && !action.startsWith("ecr:"));
  return [
    {
      Sid: "DetectDriftOnThisStack",
      Effect: "Allow",
      // DetectStackResourceDrift: the per-resource detection a stack's detection runs.
      Action: [
        "cloudformation:DescribeStackResourceDrifts",
        "cloudformation:DetectStackDrift",
        "cloudformation:DetectStackResourceDrift",
      ],
      Resource: [arn(scope, "cloudformation", `stack/${scope.stackName}/*`)],
    },
    {
      Sid: "FollowDriftDetections",
      Effect: "Allow",
      // A detection is named by its id alone: the action takes no resource, so AWS requires "*".
      Action: ["cloudformation:DescribeStackDriftDetectionStatus"],
      Resource: ["*"],
      Condition: inRegion(scope),
    },
    ...(regionalReads.length
      ? [
          {
            Sid: "ReadThisStacksResourcesForDriftDetection",
            Effect: "Allow" as const,
            // Most of these describe calls take no resource-level permissions: "*" in this region only.
            // "logs:Describe*" would also allow DescribeLogStreams on every log group: logs' stay listed.
            Action: [
              ...compactReads(regionalReads.filter((a) => !a.startsWith("logs:"))),
              ...regionalReads.filter((a) => a.startsWith("logs:")),
            ],
            Resource: ["*"],
            Condition: inRegion(scope),
          },
        ]
      : []),
    ...(ecrReads.length
      ? [
          {
            Sid: "ReadThisStacksRepositoryForDriftDetection",
            Effect: "Allow" as const,
            Action: ecrReads,
            Resource: [repositoryArn(scope)],
          },
        ]
      : []),
    ...(iamReads.length
      ? [
          {
            Sid: "ReadThisStacksRolesForDriftDetection",
            Effect: "Allow" as const,
            Action: iamReads,
            Resource: [stackRolesArn(scope), stackInstanceProfilesArn(scope)],
          },
        ]
      : []),
  ];
}
