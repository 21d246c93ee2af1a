// The tracker and engine on the in-memory OperationStore: no database, the same rules the integration
// tests check on MariaDB (one poller per operation, events stored once, the outcome with its environment).
import { defaultSpec } from "@stackyard/templates";
import { describe, expect, it } from "vitest";
import type { DeployDriver, StackDescription, StackEventRecord } from "./driver.js";
import { DeployEngine } from "./engine.js";
import { collectingLogger } from "./logger.js";
import type { AnyStatus, StackStatus } from "./stack-status.js";
import { InMemoryOperationStore } from "./store/memory-store.js";
import { OperationTracker } from "./tracker.js";

/** A target whose stack is what the test says it is, counting the calls the engine makes. */
class ScriptedTarget implements DeployDriver {
  readonly target = "local" as const;
  stack: StackDescription | null = null;
  events: StackEventRecord[] = [];
  calls: string[] = [];
  failDescribe: Error | null = null;

  set(status: StackStatus, outputs: Record<string, string> = {}) {
    this.stack = { stackId: "stack-1", stackName: "notes", status, outputs };
  }
  emit(logicalResourceId: string, resourceStatus: AnyStatus, reason?: string) {
    const eventId = `e${this.events.length + 1}`;
    const timestamp = new Date(Date.UTC(2026, 0, 1, 0, 0, this.events.length));
    this.events.push({
      eventId,
      stackName: "notes",
      logicalResourceId,
      resourceType: logicalResourceId === "notes" ? "AWS::CloudFormation::Stack" : "AWS::RDS::DBInstance",
      resourceStatus,
      resourceStatusReason: reason,
      timestamp,
    });
  }
  async validate() {}
  async prepare() {
    this.calls.push("prepare");
    return { stackId: "stack-1", changes: [] };
  }
  async execute() {
    this.calls.push("execute");
    this.set("CREATE_IN_PROGRESS");
  }
  async describe() {
    if (this.failDescribe) throw this.failDescribe;
    return this.stack;
  }
  async eventsSince(_stack: unknown, after?: string) {
    const from = after ? this.events.findIndex((e) => e.eventId === after) + 1 : 0;
    return this.events.slice(from);
  }
  async delete() {
    this.calls.push("delete");
  }
}

function setUp() {
  const store = new InMemoryOperationStore();
  const driver = new ScriptedTarget();
  const logged: Record<string, unknown>[] = [];
  const options = { store, driverFor: () => driver, logger: collectingLogger(logged) };
  const { environment, operation } = store.add({ name: "notes", spec: defaultSpec() as object });
  return { store, driver, options, environment, operation, logged };
}

describe("the tracker on an OperationStore", () => {
  it("stores each event once and records a create's outcome with the environment's outputs", async () => {
    const { store, driver, options, environment, operation } = setUp();
    const engine = new DeployEngine({ ...options, owner: "a" });
    await engine.startOperation(operation.id);
    expect(driver.calls).toEqual(["prepare", "execute"]);
    expect(store.environments.get(environment.id)).toMatchObject({ status: "creating", stackId: "stack-1" });
    await engine.tracker.stop();

    driver.emit("Database", "CREATE_IN_PROGRESS");
    expect(await engine.tracker.pollOnce(operation.id)).toBe("continue");
    expect(await engine.tracker.pollOnce(operation.id)).toBe("continue");
    driver.emit("Database", "CREATE_COMPLETE");
    driver.emit("notes", "CREATE_COMPLETE");
    driver.set("CREATE_COMPLETE", { AppUrl: "http://127.0.0.1:20001" });
    expect(await engine.tracker.pollOnce(operation.id)).toBe("done");

    expect(store.events.map((e) => e.eventId)).toEqual(["e1", "e2", "e3"]);
    expect(store.operations.get(operation.id)).toMatchObject({ status: "succeeded", leaseOwner: null });
    expect(store.environments.get(environment.id)).toMatchObject({
      status: "live",
      outputs: { AppUrl: "http://127.0.0.1:20001" },
    });
  });

  it("lets one tracker poll an operation while its lease lasts", async () => {
    const { store, driver, options, operation } = setUp();
    await store.markStarted(
      { operationId: operation.id, environmentId: operation.environmentId },
      { changeSetId: null, phase: null },
      "creating",
    );
    driver.set("CREATE_IN_PROGRESS");
    const first = new OperationTracker({ ...options, owner: "first", leaseMs: 60_000 });
    const second = new OperationTracker({ ...options, owner: "second", leaseMs: 60_000 });
    expect(await first.pollOnce(operation.id)).toBe("continue");
    expect(await second.pollOnce(operation.id)).toBe("not-owner");
    await first.stop();
    // Released on stop: the other process takes over at once.
    first.track(operation.id);
    await first.stop();
    expect(await second.pollOnce(operation.id)).toBe("continue");
  });

  it("names the root cause of a rolled-back create and the spec field that fixes it", async () => {
    const { store, driver, options, environment, operation } = setUp();
    await store.markStarted(
      { operationId: operation.id, environmentId: environment.id },
      { changeSetId: null, phase: null },
      "creating",
    );
    driver.emit("Database", "CREATE_FAILED", "DBInstanceClass db.x9 is not supported");
    driver.emit("Vpc", "DELETE_COMPLETE", "Resource creation cancelled");
    driver.emit("notes", "ROLLBACK_COMPLETE");
    driver.set("ROLLBACK_COMPLETE");
    expect(await new OperationTracker({ ...options, owner: "a" }).pollOnce(operation.id)).toBe("done");
    expect(store.operations.get(operation.id)).toMatchObject({
      status: "rolled_back",
      errorMessage: "Database: DBInstanceClass db.x9 is not supported (check database.instanceClass)",
    });
    expect(store.environments.get(environment.id)?.status).toBe("failed");
  });

  it("gives up after repeated errors that are not transient, saying so", async () => {
    const { store, driver, options, environment, operation, logged } = setUp();
    await store.markStarted(
      { operationId: operation.id, environmentId: environment.id },
      { changeSetId: null, phase: null },
      "creating",
    );
    driver.failDescribe = new Error("state.json is not JSON");
    const tracker = new OperationTracker({ ...options, owner: "a", intervalMs: () => 1, maxErrors: 3 });
    tracker.track(operation.id);
    await expect
      .poll(() => store.operations.get(operation.id)?.status, { timeout: 10_000, interval: 5 })
      .toBe("failed");
    expect(store.operations.get(operation.id)?.errorMessage).toBe(
      "Lost track of the stack: state.json is not JSON",
    );
    expect(store.environments.get(environment.id)?.status).toBe("failed");
    expect(logged).toEqual([]);
  });

  it("deletes an environment that never owned a stack without asking the target", async () => {
    const { store, driver, options } = setUp();
    const { environment, operation } = store.add(
      { name: "never-made", spec: defaultSpec() as object, status: "failed" },
      { kind: "delete" },
    );
    await new DeployEngine(options).startOperation(operation.id);
    expect(driver.calls).toEqual([]);
    expect(store.operations.get(operation.id)).toMatchObject({ status: "succeeded" });
    expect(store.operations.get(operation.id)?.startedAt).toBeInstanceOf(Date);
    expect(store.environments.get(environment.id)?.status).toBe("deleted");
  });
});
