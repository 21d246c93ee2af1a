import { renderTemplate } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import { updateChanges } from "./changes.js";
import { templateResources } from "./ordering.js";

const plan = {
  database: { name: "sandbox_x", user: "sb_x", host: "127.0.0.1", port: 3317 },
  taskPorts: [20101, 20102],
  nginxPort: 20100,
};

describe("updateChanges (the local change set)", () => {
  it("is empty when nothing changes", () => {
    const rendered = renderTemplate({ name: "notes-dev" });
    const resources = templateResources(rendered.json);
    expect(updateChanges(resources, resources, plan, rendered.spec)).toEqual([]);
  });

  it("adds and removes resources the spec adds and removes, and never replaces locally", () => {
    const before = renderTemplate({ name: "notes-dev" });
    const after = renderTemplate({ name: "notes-dev", bastion: { enabled: false } });
    const changes = updateChanges(
      templateResources(before.json),
      templateResources(after.json),
      plan,
      after.spec,
    );
    const removed = changes.filter((c) => c.action === "Remove").map((c) => c.logicalResourceId);
    expect(removed).toContain("BastionInstance");
    expect(changes.every((c) => c.replacement === undefined || c.replacement === "False")).toBe(true);
  });

  it("modifies the service when only the running task count differs from the spec", () => {
    const rendered = renderTemplate({ name: "notes-dev", app: { desiredCount: 3 } });
    const resources = templateResources(rendered.json);
    expect(updateChanges(resources, resources, plan, rendered.spec)).toEqual([
      {
        action: "Modify",
        logicalResourceId: "AppService",
        resourceType: "AWS::ECS::Service",
        replacement: "False",
      },
    ]);
  });

  it("sees no change in the task count beyond what runs locally", () => {
    const rendered = renderTemplate({ name: "notes-dev", app: { desiredCount: 20, maxCount: 20 } });
    const resources = templateResources(rendered.json);
    const eight = { ...plan, taskPorts: Array.from({ length: 8 }, (_, i) => 20101 + i) };
    expect(updateChanges(resources, resources, eight, rendered.spec)).toEqual([]);
  });
});
