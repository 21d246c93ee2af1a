import type { EnvironmentHealth } from "@stackyard/deploy";
import { describe, expect, it } from "vitest";
import { badgeText, tierLines } from "./health-model";

const degraded: EnvironmentHealth = {
  state: "degraded",
  checkedAt: "2026-12-07T03:00:00.000Z",
  edge: {
    state: "healthy",
    reasons: [],
    id: "i-1",
    instanceState: "running",
    systemStatus: "ok",
    instanceStatus: "ok",
  },
  service: {
    state: "degraded",
    reasons: ["1 of 2 task(s) running", "last task stopped: Essential container in task exited"],
    name: "svc",
    desired: 2,
    running: 1,
    pending: 1,
    deploymentsInProgress: 0,
    stoppedTasks: [
      { taskId: "t1", stoppedAt: "2026-12-07T02:59:00.000Z", reason: "Essential container in task exited" },
    ],
    events: [],
  },
  database: {
    state: "healthy",
    reasons: [],
    id: "db",
    status: "available",
    multiAz: true,
    pendingMaintenance: [{ action: "system-update", description: "OS update" }],
  },
};

describe("health model", () => {
  it("says per tier what runs, with the stop reasons and the maintenance due", () => {
    const lines = tierLines(degraded, "aws");
    expect(lines.map((l) => l.title)).toEqual(["nginx instance", "Service", "Database"]);
    expect(lines[1]?.summary).toBe("1 of 2 tasks running, 1 pending");
    expect(lines[1]?.details[0]).toMatch(/^Task t1 stopped .*: Essential container in task exited$/);
    expect(lines[2]?.summary).toBe("available; Multi-AZ on; 1 pending maintenance action");
    expect(lines[2]?.details).toEqual(["Pending maintenance: system-update (OS update)"]);
  });

  it("names the first tier that is not healthy in the list's badge", () => {
    expect(badgeText(degraded, "aws")).toBe("degraded: service");
    expect(badgeText({ ...degraded, state: "healthy" }, "local")).toBe("healthy");
  });
});
