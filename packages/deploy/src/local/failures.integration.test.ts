// Other real failures a local launch can meet: a notes-api that crashes at start, one that never becomes
// ready, and an nginx port someone else holds. Each is a CREATE_FAILED with the reason a user can act
// on, then a rollback that leaves nothing running.
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminFromEnv, databaseExists } from "./database.js";
import type { LocalSandboxOptions } from "./driver.js";
import { writeAndTestConf } from "./nginx.js";
import { sqlNames, stackPaths } from "./paths.js";
import { loopbackPortAllocator } from "./ports.js";
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

/** A repository whose notes-api build is the given script (CommonJS: no package.json says otherwise). */
function fakeRepo(name: string, script: string): string {
  const root = join(dataDir, name);
  mkdirSync(join(root, "apps/notes-api/dist"), { recursive: true });
  writeFileSync(join(root, "turbo.json"), "{}");
  writeFileSync(join(root, "apps/notes-api/dist/main.js"), script);
  writeFileSync(join(root, "apps/notes-api/Dockerfile"), 'FROM scratch\nCMD ["node", "dist/main.js"]\n');
  return root;
}

async function failedLaunch(prefix: string, options: LocalSandboxOptions) {
  const stackName = uniqueStackName(prefix);
  const driver = newDriver(dataDir, options);
  await launch(driver, requestFor(stackName));
  const status = (await settled(driver, stackName))?.status;
  const events = await driver.eventsSince(stackName);
  return { stackName, status, events, failed: events.find((e) => e.resourceStatus === "CREATE_FAILED") };
}

async function expectNothingLeft(stackName: string) {
  expect(runningCount(recordedProcesses(dataDir, stackName))).toBe(0);
  expect(await databaseExists(adminFromEnv(), sqlNames(stackName).database)).toBe(false);
}

let squatter: Server;
let busyPort = 0;

beforeAll(async () => {
  squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
  busyPort = (squatter.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => squatter.close(resolve));
  removeDataDir(dataDir);
});

describe("a local launch that meets a real failure", () => {
  it("names the crash of a notes-api process, from its own last log line", async () => {
    const repoRoot = fakeRepo(
      "crashing",
      `console.log(JSON.stringify({ level: 60, msg: "failed to start", err: { message: "connect ECONNREFUSED" } }));
process.exit(1);`,
    );
    const { stackName, status, failed } = await failedLaunch("crash", { repoRoot });
    expect(failed?.logicalResourceId).toBe("AppService");
    expect(failed?.resourceStatusReason).toMatch(
      /^notes-api on 127\.0\.0\.1:\d+ exited \(code 1\) before it was ready: failed to start: connect ECONNREFUSED$/,
    );
    expect(status).toBe("ROLLBACK_COMPLETE");
    await expectNothingLeft(stackName);
  }, 120_000);

  it("gives up on a process that never becomes ready, and stops it", async () => {
    const repoRoot = fakeRepo(
      "never-ready",
      `require("node:http").createServer((req, res) => { res.statusCode = 503; res.end(); })
  .listen(Number(process.env.PORT), "127.0.0.1");`,
    );
    const { stackName, status, failed } = await failedLaunch("unready", { repoRoot, readyTimeoutMs: 1500 });
    expect(failed?.resourceStatusReason).toMatch(
      /^notes-api on 127\.0\.0\.1:\d+ was not ready within 1\.5 s \(health check \/readyz\)$/,
    );
    expect(status).toBe("ROLLBACK_COMPLETE");
    await expectNothingLeft(stackName);
  }, 120_000);

  it("names the nginx port that is taken", async () => {
    const real = loopbackPortAllocator(join(dataDir, "sandbox"));
    const ports = { allocate: async (count: number) => [busyPort, ...(await real.allocate(count - 1))] };
    const { stackName, status, failed, events } = await failedLaunch("busynginx", { ports });
    expect(failed?.logicalResourceId).toBe("NginxInstance");
    expect(failed?.resourceStatusReason).toBe(`port 127.0.0.1:${busyPort} for nginx is already in use`);
    expect(status).toBe("ROLLBACK_COMPLETE");
    expect(events.at(-1)?.resourceStatus).toBe("ROLLBACK_COMPLETE");
    await expectNothingLeft(stackName);
  }, 120_000);

  it("reports nginx -t's own complaint when the rendered config is refused", async () => {
    const paths = stackPaths(join(dataDir, "sandbox"), "badconf");
    mkdirSync(paths.root, { recursive: true });
    await expect(writeAndTestConf(paths, "bogus_directive on;\n")).rejects.toThrow(
      /^nginx -t failed: .*unknown directive "bogus_directive"/,
    );
  });

  it("keeps the database when it cannot be dumped on delete, stops everything, and deletes on retry", async () => {
    const stackName = uniqueStackName("nodump");
    const driver = newDriver(dataDir);
    await launch(driver, requestFor(stackName));
    expect((await settled(driver, stackName))?.status).toBe("CREATE_COMPLETE");
    const processes = recordedProcesses(dataDir, stackName);

    const unreachable = newDriver(dataDir, { admin: { ...adminFromEnv(), port: 1 } });
    await unreachable.delete(stackName, "first-try");
    const failed = await settled(unreachable, stackName);
    expect(failed?.status).toBe("DELETE_FAILED");
    expect(failed?.statusReason).toMatch(
      /^The following resource\(s\) failed to delete: \[DbInstance\]\. .*ECONNREFUSED/,
    );
    expect(runningCount(processes)).toBe(0);
    expect(await databaseExists(adminFromEnv(), sqlNames(stackName).database)).toBe(true);

    await driver.delete(stackName, "second-try");
    expect(await settled(driver, stackName)).toBeNull();
    await expectNothingLeft(stackName);
  }, 120_000);
});
