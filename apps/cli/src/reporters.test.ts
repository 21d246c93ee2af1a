import { describe, expect, it } from "vitest";
import type { EventView } from "./environments.js";
import { progressBar, ttyReporter } from "./reporters.js";

const start = new Date("2026-12-01T10:00:00Z");
const event = (id: string, logical: string, status: string, second: number): EventView => ({
  id,
  operationId: "op",
  logicalResourceId: logical,
  resourceType: logical === "notes" ? "AWS::CloudFormation::Stack" : "AWS::EC2::VPC",
  resourceStatus: status,
  resourceStatusReason: null,
  timestamp: new Date(start.getTime() + second * 1000),
});

describe("the terminal progress view", () => {
  it("draws a bar of done out of total", () => {
    expect(progressBar(1, 4, 8)).toBe("[██░░░░░░]");
    expect(progressBar(0, 0, 4)).toBe("[░░░░]");
  });

  it("prints a line per event above a bar with the count, elapsed time and ETA", () => {
    let out = "";
    let now = start;
    const resources = [
      { logicalResourceId: "Vpc", resourceType: "AWS::EC2::VPC" },
      { logicalResourceId: "Subnet", resourceType: "AWS::EC2::VPC" },
    ];
    const reporter = ttyReporter(
      { stdout: (t) => (out += t), stderr: () => undefined, env: {}, columns: 100, now: () => now },
      { resources, target: "local" },
    );
    now = new Date(start.getTime() + 3000);
    reporter.event(event("1", "notes", "CREATE_IN_PROGRESS", 0));
    reporter.event(event("2", "Vpc", "CREATE_COMPLETE", 2));
    reporter.end();
    const screen = out.split("\r\x1b[2K").map((s) => s.trim());
    expect(screen).toContain(
      "10:00:02 ✓ Vpc CREATE_COMPLETE\n[████████████████████░░░░░░░░░░░░░░░░░░░░] 1/2 resources  3s  ETA 1s",
    );
    expect(out.endsWith("1/2 resources  3s  ETA 1s\n")).toBe(true);
  });
});
