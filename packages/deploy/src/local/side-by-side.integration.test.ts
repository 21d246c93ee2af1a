// Two environments at once, a notes-api process dying under one of them, a portal restart (a new driver
// instance) and delete: what a user of the local sandbox would notice at each step.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminFromEnv, databaseExists } from "./database.js";
import { sqlNames } from "./paths.js";
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
import { isRunning } from "./supervisor.js";

const dataDir = tempDataDir();
const driver = newDriver(dataDir);
const alpha = uniqueStackName("alpha");
const beta = uniqueStackName("beta");
const urls: Record<string, string> = {};

async function addNote(appUrl: string, title: string): Promise<number> {
  const response = await fetch(`${appUrl}/api/notes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title, description: "side by side" }),
  });
  return response.status;
}

async function homePage(appUrl: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${appUrl}/`);
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  await Promise.all([launch(driver, requestFor(alpha)), launch(driver, requestFor(beta))]);
  for (const name of [alpha, beta]) urls[name] = (await settled(driver, name))?.outputs.AppUrl ?? "";
}, 180_000);

afterAll(async () => {
  for (const name of [alpha, beta]) {
    if (await driver.describe(name)) {
      await driver.delete(name, `cleanup-${name}`);
      await driver.whenIdle(name);
    }
  }
  removeDataDir(dataDir);
}, 120_000);

describe("two local environments side by side", () => {
  it("both come up, on different ports, with their own database", async () => {
    expect((await driver.describe(alpha))?.status).toBe("CREATE_COMPLETE");
    expect((await driver.describe(beta))?.status).toBe("CREATE_COMPLETE");
    expect(urls[alpha]).not.toBe(urls[beta]);
    const alphaDb = (await driver.describe(alpha))?.outputs.DbName;
    const betaDb = (await driver.describe(beta))?.outputs.DbName;
    expect(alphaDb).toBe(sqlNames(alpha).database);
    expect(alphaDb).not.toBe(betaDb);
  });

  it("keeps their notes apart", async () => {
    const title = `Only in alpha ${Date.now()}`;
    expect(await addNote(urls[alpha] ?? "", title)).toBe(201);
    expect((await homePage(urls[alpha] ?? "")).html).toContain(title);
    expect((await homePage(urls[beta] ?? "")).html).not.toContain(title);
  });

  it("keeps serving through nginx when one notes-api process is killed", async () => {
    const tasks = recordedProcesses(dataDir, alpha).filter((p) => p.logFile.includes("notes-api"));
    expect(tasks).toHaveLength(2);
    const victim = tasks[0];
    if (!victim) throw new Error("no task recorded");
    process.kill(victim.pid, "SIGKILL");
    while (isRunning(victim)) await new Promise((resolve) => setTimeout(resolve, 20));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await homePage(urls[alpha] ?? "")).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await addNote(urls[alpha] ?? "", `After the crash ${Date.now()}`)).toBe(201);
    expect((await homePage(urls[beta] ?? "")).status).toBe(200);
  });

  it("is picked up by a new driver instance, as after a portal restart", async () => {
    const restarted = newDriver(dataDir);
    const status = await restarted.describe(beta);
    expect(status?.status).toBe("CREATE_COMPLETE");
    expect(status?.outputs.AppUrl).toBe(urls[beta]);
    const events = await restarted.eventsSince(beta);
    expect(events.at(-1)?.resourceStatus).toBe("CREATE_COMPLETE");
    expect(await restarted.eventsSince(beta, events.at(-1)?.eventId)).toEqual([]);
  });

  it("deletes one environment: nothing left running, a dump kept, the other untouched", async () => {
    const restarted = newDriver(dataDir);
    const processes = recordedProcesses(dataDir, alpha);
    const before = await restarted.eventsSince(alpha);
    await restarted.delete(alpha, `delete-${alpha}`);
    expect((await restarted.describe(alpha))?.status).toBe("DELETE_IN_PROGRESS");
    await restarted.whenIdle(alpha);

    expect(await restarted.describe(alpha)).toBeNull();
    const deleteEvents = await restarted.eventsSince(alpha, before.at(-1)?.eventId);
    expect(deleteEvents[0]?.resourceStatus).toBe("DELETE_IN_PROGRESS");
    expect(deleteEvents.at(-1)).toMatchObject({
      logicalResourceId: alpha,
      resourceStatus: "DELETE_COMPLETE",
    });
    const deleted = deleteEvents
      .filter((e) => e.resourceStatus === "DELETE_COMPLETE")
      .map((e) => e.logicalResourceId);
    // Dependants first: the service before the database it uses, the VPC last but one.
    expect(deleted.indexOf("AppService")).toBeLessThan(deleted.indexOf("DbInstance"));
    expect(deleted.indexOf("PrivateSubnet1")).toBeLessThan(deleted.indexOf("Vpc"));

    expect(runningCount(processes)).toBe(0);
    await expect(fetch(`${urls[alpha]}/`)).rejects.toThrow();
    const dumps = join(dataDir, "sandbox", alpha, "dumps");
    const files = readdirSync(dumps).filter((f) => f.endsWith(".sql"));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dumps, files[0] ?? ""), "utf8")).toContain("Only in alpha");
    expect(await databaseExists(adminFromEnv(), sqlNames(alpha).database)).toBe(false);
    expect(existsSync(join(dataDir, "sandbox", alpha, "credentials.json"))).toBe(false);
    expect(existsSync(join(dataDir, "sandbox", alpha, "db-secret.json"))).toBe(false);

    expect((await homePage(urls[beta] ?? "")).status).toBe(200);
    expect(runningCount(recordedProcesses(dataDir, beta))).toBe(3);
  });

  it("can launch a deleted environment's name again: a fresh stack, the old dump kept", async () => {
    await launch(driver, requestFor(alpha));
    const status = await settled(driver, alpha);
    expect(status?.status).toBe("CREATE_COMPLETE");
    const events = await driver.eventsSince(alpha);
    expect(events[0]).toMatchObject({ logicalResourceId: alpha, resourceStatus: "CREATE_IN_PROGRESS" });
    expect(events.some((e) => e.resourceStatus.startsWith("DELETE"))).toBe(false);
    expect((await homePage(status?.outputs.AppUrl ?? "")).html).not.toContain("Only in alpha");
    expect(readdirSync(join(dataDir, "sandbox", alpha, "dumps"))).toHaveLength(1);
  });
});
