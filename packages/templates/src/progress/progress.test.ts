import { describe, expect, it } from "vitest";
import { computeProgress, formatDuration, type ProgressEvent } from "./progress.js";

const t = (s: number) => new Date(Date.UTC(2026, 10, 28, 10, 0, s));
const ev = (id: string, type: string, status: string, s: number): ProgressEvent => ({
  logicalResourceId: id,
  resourceType: type,
  resourceStatus: status,
  timestamp: t(s),
});
const template = [
  { logicalResourceId: "Vpc", resourceType: "AWS::EC2::VPC" },
  { logicalResourceId: "DbInstance", resourceType: "AWS::RDS::DBInstance" },
  { logicalResourceId: "AppLogGroup", resourceType: "AWS::Logs::LogGroup" },
];

describe("computeProgress", () => {
  const events = [
    ev("notes", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", 0),
    ev("Vpc", "AWS::EC2::VPC", "CREATE_IN_PROGRESS", 1),
    ev("Vpc", "AWS::EC2::VPC", "CREATE_COMPLETE", 16),
    ev("DbInstance", "AWS::RDS::DBInstance", "CREATE_IN_PROGRESS", 20),
  ];

  it("counts finished resources against the template, not the stack itself", () => {
    const progress = computeProgress(events, template, "aws", t(80));
    expect(progress).toMatchObject({ total: 3, done: 1, failed: 0, elapsedSeconds: 80 });
    expect(progress.spans.map((s) => [s.logicalResourceId, s.end === null])).toEqual([
      ["Vpc", false],
      ["DbInstance", true],
    ]);
  });

  it("estimates the remaining time from the slowest unfinished resource, minus its running time", () => {
    expect(computeProgress(events, template, "aws", t(80)).etaSeconds).toBe(1_500 - 60);
  });

  it("has no ETA once everything is done, and counts failures", () => {
    const all = [
      ...events,
      ev("DbInstance", "AWS::RDS::DBInstance", "CREATE_FAILED", 90),
      ev("AppLogGroup", "AWS::Logs::LogGroup", "CREATE_COMPLETE", 21),
    ];
    const progress = computeProgress(all, template, "aws", t(100));
    expect(progress).toMatchObject({ done: 2, failed: 1, etaSeconds: null });
  });
});

describe("formatDuration", () => {
  it.each([
    [42, "42s"],
    [125, "2m 5s"],
    [3_725, "1h 2m"],
  ])("%d seconds reads %s", (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
