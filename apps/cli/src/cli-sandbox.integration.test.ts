// The journey on the real local sandbox (MariaDB, nginx, notes-api processes): the CLI as its
// own process deploys the example spec, is stopped with Ctrl-C while following (the deployment goes on),
// resumes with `events --follow`, finds it live with a working app URL, and deletes it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cliIn,
  cliProcess,
  type PortalProcess,
  startPortal,
  waitFor,
} from "./portal-process.test-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "stackyard-cli-sandbox-"));
// The sandbox's MariaDB is shared by every run on the machine: a name of this run's own.
const name = `cli-${Date.now().toString(36)}`;
let portal: PortalProcess;
let env: Record<string, string>;

beforeAll(async () => {
  portal = await startPortal({ STACKYARD_API_TARGET: "sandbox", STACKYARD_DATA_DIR: join(dir, "data") });
  env = { XDG_CONFIG_HOME: join(dir, "config"), STACKYARD_URL: portal.url, STACKYARD_TOKEN: portal.token };
}, 180_000);

afterAll(async () => {
  if (portal) {
    // A test that failed half-way leaves the environment: delete it the way a user would.
    const left = await cliIn(env, ["status", name, "--json"]);
    if (left.code === 0 && JSON.parse(left.stdout).status === "live")
      await cliIn(env, ["delete", name, "--yes"]);
    await portal.stop();
  }
  rmSync(dir, { recursive: true, force: true });
}, 240_000);

describe("stackyard on the local sandbox", () => {
  it("deploys the example spec, follows it after Ctrl-C, serves the app, and deletes it", async () => {
    const example = await cliIn(env, ["spec", "example", "--name", name]);
    const specPath = join(dir, "env.json");
    writeFileSync(specPath, example.stdout);

    const deploy = cliProcess(env, ["deploy", "--spec", specPath, "--target", "local", "--yes"]);
    // Stopped once the first event is out: following ends, the deployment goes on in the portal.
    await waitFor(() => / CREATE_IN_PROGRESS /.test(deploy.output()), 120_000, "the first event");
    deploy.child.kill("SIGINT");
    const stopped = await deploy.done;
    expect(stopped.stderr).toBe(
      `stackyard: stopped following ${name}; the operation goes on in the portal (stackyard events ${name} --follow)\n`,
    );
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toMatch(new RegExp(`^${name}: new environment on local\\ncost: \\$`));

    // Following again shows every event; when the launch already ended, it says nothing is running.
    const resumed = await cliProcess(env, ["events", name, "--follow"]).done;
    expect(["", `stackyard: ${name} is live: no operation is running\n`]).toContain(resumed.stderr);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(` CREATE_COMPLETE ${name} \\(AWS::CloudFormation::Stack\\)`));

    const status = await cliProcess(env, ["status", name, "--json"]).done;
    expect(status.code).toBe(0);
    const live = JSON.parse(status.stdout);
    expect(live).toMatchObject({ name, status: "live", target: "local" });
    expect(live.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const app = await fetch(`${live.appUrl}/healthz`);
    expect(app.status).toBe(200);

    const deleted = await cliProcess(env, ["delete", name, "--yes"]).done;
    expect(deleted.stderr).toBe("");
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(new RegExp(` DELETE_COMPLETE ${name} \\(AWS::CloudFormation::Stack\\)`));
    expect(deleted.stdout).toMatch(new RegExp(`\\n${name}: deleted \\(DELETE_COMPLETE\\)\\n$`));
    await expect(fetch(`${live.appUrl}/healthz`)).rejects.toThrow();
  }, 600_000);
});
