// The CLI against a portal API process over real HTTP: the portal's tRPC handler, API-token context and
// deploy engine (apps/portal/src/server/http/api-server.test-helpers.ts, run as its own process) on a
// scratch database; only the deploy target is scripted there. Covers deploy → status → delete, a failed
// deploy, and a revoked token.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "@stackyard/db/migrate";
import { createScratchDatabase, type ScratchDatabase } from "@stackyard/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./main.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const serverScript = join(root, "apps/portal/src/server/http/api-server.test-helpers.ts");
const tsx = join(root, "node_modules/.bin/tsx");

let db: ScratchDatabase;
let server: ChildProcess;
let portal: { url: string; token: string; revokedToken: string };
const dir = mkdtempSync(join(tmpdir(), "stackyard-cli-it-"));

beforeAll(async () => {
  db = await createScratchDatabase("cli_it");
  await migrate({ databaseUrl: db.url });
  server = spawn(tsx, [serverScript], {
    cwd: join(root, "apps/portal"),
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  server.stderr?.on("data", (chunk) => {
    errors += chunk;
  });
  portal = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`api server did not start: ${errors}`)), 55_000);
    server.stdout?.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line && out.includes("\n")) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    server.once("exit", (code) => reject(new Error(`api server exited ${code}: ${errors}`)));
  });
});
afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await db?.drop();
});

async function cli(argv: string[], token = portal.token) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    env: { STACKYARD_URL: portal.url, STACKYARD_TOKEN: token },
    pollMs: 100,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

function specFile(name: string): string {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ name, database: { deletionProtection: false } }));
  return path;
}

describe("stackyard against a portal", () => {
  it("deploys, shows the live environment, and deletes it", async () => {
    const deployed = await cli(["deploy", "--spec", specFile("cli-one"), "--target", "local", "--yes"]);
    expect(deployed.stderr).toBe("");
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toMatch(/^launched cli-one \([0-9a-f-]{36}\) on local\n/);
    expect(deployed.stdout).toMatch(/CREATE_COMPLETE cli-one \(AWS::CloudFormation::Stack\)/);
    expect(deployed.stdout).toMatch(/cli-one: live\n$/);

    const status = await cli(["status", "cli-one", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      name: "cli-one",
      status: "live",
      target: "local",
      appUrl: "http://127.0.0.1:1/cli-one",
    });
    expect((await cli(["status", "cli-one"])).stdout).toMatch(/^cli-one: live \(local, /);

    const deleted = await cli(["delete", "cli-one", "--yes"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/DELETE_COMPLETE cli-one/);
    // Only the delete's own events are followed.
    expect(deleted.stdout).not.toMatch(/CREATE_/);
    expect(deleted.stdout).toMatch(/cli-one: deleted\n$/);
    expect(JSON.parse((await cli(["status", "cli-one", "--json"])).stdout).status).toBe("deleted");
  });

  it("exits 1 with one line when the stack fails", async () => {
    const { code, stdout, stderr } = await cli(["deploy", "--spec", specFile("cli-fail"), "--yes"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/CREATE_FAILED Database \(AWS::RDS::DBInstance\) scripted failure/);
    expect(stderr).toMatch(/^stackyard: cli-fail ended failed/);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses a revoked token in one line", async () => {
    const { code, stderr } = await cli(["status", "cli-one"], portal.revokedToken);
    expect(code).toBe(1);
    expect(stderr).toBe("stackyard: not authorised: The API token was revoked.\n");
  });

  it("says when there is no such environment", async () => {
    const { code, stderr } = await cli(["status", "nothing-here"]);
    expect(code).toBe(1);
    expect(stderr).toBe("stackyard: no environment named nothing-here\n");
  });
});
