// The CLI against a portal API process over real HTTP (portal-process.test-helpers.ts) with a scripted
// deploy target: launch, update, status, events from a cursor, delete, a failure with its root cause,
// login, and refused tokens. The full journey on the real local sandbox is cli-sandbox.integration.test.ts.
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFile } from "./credentials.js";
import type { EventView } from "./environments.js";
import { Portal } from "./portal.js";
import { cliIn, type PortalProcess, startPortal } from "./portal-process.test-helpers.js";
import { subscriptionValues } from "./sse.js";

let portal: PortalProcess;
const dir = mkdtempSync(join(tmpdir(), "stackyard-cli-it-"));
const config = { XDG_CONFIG_HOME: join(dir, "config") };

beforeAll(async () => {
  portal = await startPortal();
}, 180_000);
afterAll(async () => {
  await portal?.stop();
});

const cli = (argv: string[], token = portal.token) =>
  cliIn({ ...config, STACKYARD_URL: portal.url, STACKYARD_TOKEN: token }, argv);

function specFile(name: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, `${name}-${Object.keys(extra).length}.json`);
  writeFileSync(path, JSON.stringify({ name, database: { deletionProtection: false }, ...extra }));
  return path;
}

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("stackyard against a portal", () => {
  it("launches, shows the live environment, updates it, and deletes it", async () => {
    const planned = await cli(["plan", "--spec", specFile("cli-one")]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toMatch(/^cli-one: new environment\nchecks: 0 errors, /);
    expect(planned.stdout).toMatch(/^cost: \$\d+\.\d\d\/month/m);

    const deployed = await cli(["deploy", "--spec", specFile("cli-one"), "--target", "local", "--yes"]);
    expect(deployed.stderr).toBe("");
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toMatch(/^launching cli-one \([0-9a-f-]{36}\) on local$/m);
    expect(deployed.stdout).toMatch(/CREATE_COMPLETE cli-one \(AWS::CloudFormation::Stack\)/);
    expect(deployed.stdout).toMatch(
      /\ncli-one: live \(CREATE_COMPLETE\) http:\/\/127\.0\.0\.1:1\/cli-one\n$/,
    );

    const status = await cli(["status", "cli-one", "--json"]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      name: "cli-one",
      status: "live",
      target: "local",
      appUrl: "http://127.0.0.1:1/cli-one",
    });

    // The same name again, with a change: an update, planned by the portal, then applied.
    const changed = specFile("cli-one", { app: { desiredCount: 3 } });
    const plan = await cli(["plan", "--spec", changed, "--json"]);
    expect(plan.code).toBe(0);
    const view = JSON.parse(plan.stdout);
    expect(view.existing).toMatchObject({ status: "live", target: "local" });
    expect(view.update.changes).toEqual([
      expect.objectContaining({ action: "Modify", logicalResourceId: "AppService" }),
    ]);
    const updated = await cli(["deploy", "--spec", changed, "--yes", "--json"]);
    expect(updated.code).toBe(0);
    const lines = jsonLines(updated.stdout);
    expect(lines.at(-1)).toMatchObject({
      type: "result",
      kind: "update",
      stackStatus: "UPDATE_COMPLETE",
      status: "live",
    });
    // Only the update's own events are followed.
    expect(lines.filter((l) => l.type === "event").map((l) => l.resourceStatus)).not.toContain(
      "CREATE_COMPLETE",
    );

    const deleted = await cli(["delete", "cli-one", "--yes"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/DELETE_COMPLETE cli-one/);
    expect(deleted.stdout).not.toMatch(/CREATE_|UPDATE_/);
    expect(deleted.stdout).toMatch(/cli-one: deleted \(DELETE_COMPLETE\)\n$/);
    expect(JSON.parse((await cli(["status", "cli-one", "--json"])).stdout).status).toBe("deleted");
  });

  it("resumes the events from a cursor, without gaps or repeats", async () => {
    expect((await cli(["deploy", "--spec", specFile("cli-events"), "--yes"])).code).toBe(0);
    const all = jsonLines((await cli(["events", "cli-events", "--json"])).stdout);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const rest = await cli(["events", "cli-events", "--json", "--after", all[1].id]);
    expect(jsonLines(rest.stdout).map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
    const idle = await cli(["events", "cli-events", "--follow", "--after", all.at(-1).id]);
    expect(idle).toMatchObject({
      code: 0,
      stdout: "",
      stderr: "stackyard: cli-events is live: no operation is running\n",
    });
  });

  it("reads the live event stream (SSE) from a cursor, as following does", async () => {
    const all = jsonLines((await cli(["events", "cli-events", "--json"])).stdout);
    const env = (await cli(["status", "cli-events", "--json"])).stdout;
    const stop = new AbortController();
    const body = await new Portal({ url: portal.url, token: portal.token }).subscribe(
      "events.onEvents",
      { environmentId: JSON.parse(env).id, lastEventId: all[0].id },
      stop.signal,
    );
    const seen: string[] = [];
    for await (const event of subscriptionValues<EventView>("events.onEvents", body)) {
      seen.push(event.id);
      if (seen.length === all.length - 1) break;
    }
    stop.abort();
    expect(seen).toEqual(all.slice(1).map((e) => e.id));
  });

  it("exits 1 with the root cause and the spec field when the stack fails", async () => {
    const { code, stdout, stderr } = await cli(["deploy", "--spec", specFile("cli-fail"), "--yes"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /CREATE_FAILED Database \(AWS::RDS::DBInstance\) DBInstanceClass is not supported/,
    );
    expect(stderr).toBe(
      "stackyard: cli-fail: create failed (stack ROLLBACK_COMPLETE); root cause: Database: DBInstanceClass is not supported (scripted); spec field: database.instanceClass\n",
    );
    const again = await cli(["deploy", "--spec", specFile("cli-fail"), "--yes"]);
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/cli-fail is failed on local: delete it first/),
    });
  });

  it("logs in with a token on stdin, stores it 0600, and uses it", async () => {
    const login = await cliIn(config, ["login", "--url", `${portal.url}/`], `${portal.token}\n`);
    expect(login.stderr).toBe("");
    expect(login.stdout).toMatch(
      new RegExp(`^logged in to ${portal.url} as .+ \\(deployer\\); token stored in `),
    );
    expect(statSync(credentialsFile(config)).mode & 0o777).toBe(0o600);
    expect(login.stdout).not.toContain(portal.token);
    const status = await cliIn(config, ["status", "cli-events"]);
    expect(status.stdout).toMatch(/^cli-events: live \(local, /);
  });

  it("refuses a revoked token in one line, for login and for commands", async () => {
    const elsewhere = { XDG_CONFIG_HOME: join(dir, "other") };
    const login = await cliIn(elsewhere, ["login", "--url", portal.url], portal.revokedToken);
    expect(login).toMatchObject({
      code: 1,
      stderr: "stackyard: not authorised: The API token was revoked.\n",
    });
    expect(() => statSync(credentialsFile(elsewhere))).toThrow(/ENOENT/);
    const { code, stderr } = await cli(["status", "cli-events"], portal.revokedToken);
    expect(code).toBe(1);
    expect(stderr).toBe("stackyard: not authorised: The API token was revoked.\n");
  });

  it("launches a preview that the portal deletes by itself, and a redeploy extends it", async () => {
    const hours = (text: string) => (Date.parse(JSON.parse(text).expiresAt) - Date.now()) / 3_600_000;
    const launched = await cli(["deploy", "--spec", specFile("cli-preview"), "--expires-in", "2h", "--yes"]);
    expect(launched.code).toBe(0);
    const first = await cli(["status", "cli-preview", "--json"]);
    expect(hours(first.stdout)).toBeGreaterThan(1.9);
    expect(hours(first.stdout)).toBeLessThanOrEqual(2);
    // Deployed again from the pipeline: the deadline counts from now.
    const again = await cli(["deploy", "--spec", specFile("cli-preview"), "--expires-in", "3d", "--yes"]);
    expect(again.code).toBe(0);
    const extended = await cli(["status", "cli-preview", "--json"]);
    expect(hours(extended.stdout)).toBeGreaterThan(71.9);
    const refused = await cli(["deploy", "--spec", specFile("cli-preview"), "--expires-in", "2w", "--yes"]);
    expect(refused).toMatchObject({
      code: 2,
      stderr: "stackyard: --expires-in must be a duration such as 90m, 12h or 7d, not 2w\n",
    });
  });

  it("says when there is no such environment", async () => {
    const { code, stderr } = await cli(["status", "nothing-here"]);
    expect(code).toBe(1);
    expect(stderr).toBe("stackyard: no environment named nothing-here\n");
  });
});
