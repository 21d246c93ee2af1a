// A real failure during a local launch (a port someone else holds) is a real CREATE_FAILED naming the
// reason, followed by a rollback that leaves nothing running and no database behind.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StackEventRecord } from "../driver.js";
import { adminFromEnv, databaseExists } from "./database.js";
import { sqlNames } from "./paths.js";
import { loopbackPortAllocator, type PortAllocator } from "./ports.js";
import {
  launch,
  newDriver,
  recordedProcesses,
  removeDataDir,
  requestFor,
  runningCount,
  settled,
  tempDataDir,
  uniqueStackName,
} from "./sandbox-testing.js";

const dataDir = tempDataDir();
const stackName = uniqueStackName("busy");
let squatter: Server;
let busyPort = 0;
let events: StackEventRecord[] = [];
let finalStatus: string | undefined;

/** Hands out real free ports, except that the last notes-api port is one a squatter already holds. */
function allocatorWithBusyTaskPort(): PortAllocator {
  const real = loopbackPortAllocator(`${dataDir}/sandbox`);
  return {
    async allocate(count) {
      const ports = await real.allocate(count);
      return [...ports.slice(0, -1), busyPort];
    },
  };
}

beforeAll(async () => {
  squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
  busyPort = (squatter.address() as { port: number }).port;
  const driver = newDriver(dataDir, { ports: allocatorWithBusyTaskPort() });
  await launch(driver, requestFor(stackName));
  finalStatus = (await settled(driver, stackName))?.status;
  events = await driver.eventsSince(stackName);
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => squatter.close(resolve));
  removeDataDir(dataDir);
});

describe("a local launch whose port is taken", () => {
  it("fails the service with the reason, then rolls back to ROLLBACK_COMPLETE", () => {
    const failed = events.find((e) => e.resourceStatus === "CREATE_FAILED");
    expect(failed?.logicalResourceId).toBe("AppService");
    expect(failed?.resourceStatusReason).toBe(`port 127.0.0.1:${busyPort} for notes-api is already in use`);
    const stackStatuses = events
      .filter((e) => e.logicalResourceId === stackName)
      .map((e) => e.resourceStatus);
    expect(stackStatuses).toEqual(["CREATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"]);
    expect(events.find((e) => e.resourceStatus === "ROLLBACK_IN_PROGRESS")?.resourceStatusReason).toContain(
      "[AppService]",
    );
    expect(finalStatus).toBe("ROLLBACK_COMPLETE");
  });

  it("deletes everything it created, in reverse order of creation", () => {
    const created = events
      .filter((e) => e.resourceStatus === "CREATE_COMPLETE")
      .map((e) => e.logicalResourceId);
    const deleted = events
      .filter((e) => e.resourceStatus === "DELETE_COMPLETE")
      .map((e) => e.logicalResourceId);
    expect(new Set(deleted)).toEqual(new Set([...created, "AppService"]));
    const rollbackStart = events.findIndex((e) => e.resourceStatus === "ROLLBACK_IN_PROGRESS");
    expect(events.slice(rollbackStart).every((e) => !e.resourceStatus.startsWith("CREATE"))).toBe(true);
    expect(deleted.indexOf("AppService")).toBeLessThan(deleted.indexOf("DbInstance"));
    expect(deleted.indexOf("AppTaskDefinition")).toBeLessThan(deleted.indexOf("DbInstance"));
  });

  it("leaves no process running and no database behind", async () => {
    expect(recordedProcesses(dataDir, stackName).length).toBe(0);
    expect(runningCount(recordedProcesses(dataDir, stackName))).toBe(0);
    expect(await databaseExists(adminFromEnv(), sqlNames(stackName).database)).toBe(false);
  });
});
