// Issue 14's journey: operate a live environment on the local sandbox. Launch (with an expiry chosen in the
// wizard) → connect to the database with the dashboard's command (no secret in the page) → a request's log
// line → kill a task: health degraded, then recovered → edit the sandbox's nginx config: drift reported →
// set the expiry one minute ahead → the portal's scheduler deletes the environment by itself.
// The steps share one page and one environment, in order (serial): a failed step skips the rest.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { E2E_STORAGE_STATE } from "../e2e-admin.js";
import { openStep, startWizard, uniqueName } from "./wizard-helpers.js";

test.describe.configure({ mode: "serial" });

let page: Page;
const name = uniqueName("operate");
let environmentId = "";
/** The sandbox's folder (its SandboxFolder output), read while the environment is live. */
let sandboxFolder = "";

/** A stack output as the dashboard's Outputs panel shows it. */
async function output(key: string): Promise<string> {
  const value = page
    .locator("dt", { hasText: new RegExp(`^${key}$`) })
    .locator("xpath=following-sibling::dd[1]");
  return ((await value.textContent()) ?? "").trim();
}

test.beforeAll(async ({ browser }, testInfo) => {
  page = await browser.newPage({ baseURL: testInfo.project.use.baseURL, storageState: E2E_STORAGE_STATE });
});

test.afterAll(async () => {
  await page?.close();
});

test("launch with 'Delete automatically after 1 day'; the list shows the time left", async () => {
  test.setTimeout(150_000);
  await startWizard(page, name);
  await openStep(page, "Review");
  const expiry = page.getByLabel("Delete automatically after");
  await expect(expiry).toHaveValue("never");
  // A custom value is checked before Launch is offered.
  await expiry.selectOption("custom");
  await page.getByLabel("Amount").fill("91");
  await page.getByLabel("Unit").selectOption("days");
  await expect(page.getByText("At most 90 days ahead")).toBeVisible();
  await expect(page.getByRole("button", { name: "Launch" })).toBeDisabled();
  await expiry.selectOption("1d");
  await page.getByRole("button", { name: "Launch" }).click();
  await page.waitForURL(/\/environments\/[0-9a-f-]{36}$/);
  environmentId = /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(page.url())?.[1] ?? "";
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await expect(page.getByTestId("expiry-status")).toHaveText(/^Deleted automatically in 1 day/);
  sandboxFolder = await output("SandboxFolder");
  expect(sandboxFolder).toContain(name);

  await page.goto("/");
  await page.getByLabel("Name contains").fill(name);
  const row = page.getByTestId("environment-row").filter({ hasText: name });
  await expect(row.getByTestId("expiry-badge")).toHaveText("deleted in 1 day");
  await page.goto(`/environments/${environmentId}`);
});

test("connect to the database: the command shown connects, and the page holds no password", async () => {
  const panel = page.getByTestId("database-access-panel");
  const command = (await panel.getByTestId("db-access-command").first().textContent()) ?? "";
  expect(command).toMatch(
    /^MYSQL_PWD="\$\(jq -r \.password \S+db-secret\.json\)" mariadb --host=127\.0\.0\.1 /,
  );
  const secretFile = (await output("DbSecretArn")).replace("file://", "");
  const { password } = JSON.parse(readFileSync(secretFile, "utf8")) as { password: string };
  expect(password.length).toBeGreaterThan(8);
  expect(await page.content()).not.toContain(password);
  // Pasted into a shell on this machine, it reaches the environment's own database.
  const answer = execFileSync(
    "bash",
    ["-c", `${command} --batch --skip-column-names -e 'SELECT DATABASE()'`],
    {
      encoding: "utf8",
      timeout: 30_000,
    },
  );
  expect(answer.trim()).toBe(await output("DbName"));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await panel.getByRole("button", { name: "Copy: Connect with the MariaDB client" }).click();
  await expect(panel).toContainText("Copied: Connect with the MariaDB client");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
});

test("a request through the app URL shows its log line within 3 s, found by its request id", async () => {
  const logs = page.getByTestId("logs-panel");
  await expect(logs.getByTestId("logs-state")).toHaveText("following", { timeout: 10_000 });
  const requestId = `operate-${Date.now().toString(36)}`;
  const sent = Date.now();
  const response = await page.request.get(`${await output("AppUrl")}/api/notes?limit=1`, {
    headers: { "X-Request-Id": requestId },
  });
  expect(response.headers()["x-request-id"]).toBe(requestId);
  const line = logs.getByTestId("log-line").filter({ hasText: requestId });
  await expect(line).toBeVisible({ timeout: 3_000 });
  expect(Date.now() - sent).toBeLessThan(3_000);
  await logs.getByLabel("Filter").fill(requestId);
  await expect(logs.getByTestId("log-line")).toHaveCount(1);
  await logs.getByLabel("Filter").fill("");
});

test("kill a task: health degraded, then recovered as the sandbox replaces it", async () => {
  test.setTimeout(120_000);
  const health = page.getByTestId("health-panel");
  await expect(health.getByTestId("health-overall")).toHaveText(/^✓ healthy/, { timeout: 20_000 });
  const state = JSON.parse(readFileSync(join(sandboxFolder, "state.json"), "utf8")) as {
    tasks: Record<string, { pid: number }>;
  };
  const [task] = Object.values(state.tasks);
  if (!task) throw new Error("the sandbox recorded no task");
  // Each task runs in its own process group (setsid): as ECS stops a task, the whole group goes.
  process.kill(-task.pid, "SIGKILL");
  await health.getByRole("button", { name: "Refresh" }).click();
  await expect(health.getByTestId("health-overall")).toHaveText(/degraded/, { timeout: 10_000 });
  await expect(async () => {
    await health.getByRole("button", { name: "Refresh" }).click();
    await expect(health.getByTestId("health-overall")).toHaveText(/^✓ healthy/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  const service = health.getByTestId("health-tier-service");
  await service.getByText("Stopped tasks and service events").click();
  await expect(service).toContainText("killed by SIGKILL");
});

test("edit the sandbox's nginx config on disk: drift reported, on the panel and the diagram", async () => {
  const conf = join(sandboxFolder, "nginx", "nginx.conf");
  const original = readFileSync(conf, "utf8");
  const edited = original.replace(/client_max_body_size [^;]+;/, "client_max_body_size 900m;");
  expect(edited).not.toBe(original);
  writeFileSync(conf, edited);
  const drift = page.getByTestId("drift-panel");
  await drift.getByRole("button", { name: "Detect drift" }).click();
  const nginx = drift.getByTestId("drift-resource-NginxInstance");
  await expect(nginx).toContainText("MODIFIED", { timeout: 60_000 });
  await expect(nginx.getByRole("row", { name: /NginxConf\/line \d+/ })).toContainText(
    "client_max_body_size 900m;",
  );
  await expect(page.getByTestId("drift-marker-NginxInstance")).toHaveText("⚠ drift: modified");
});

test("set the expiry one minute ahead: the scheduler deletes the environment, audited as the system", async () => {
  // playwright.config.ts runs the portal's scheduler every 2 s (STACKYARD_EXPIRY_INTERVAL_MS). On a shared
  // machine another portal on the same database may hold the scheduler's lease with the default 60 s interval
  // (or have died holding it: the lease lapses after 3 minutes), hence bounds far above the minute itself.
  test.setTimeout(420_000);
  await page.goto(`/environments/${environmentId}`);
  const panel = page.getByTestId("expiry-panel");
  await panel.getByLabel("Delete automatically after").selectOption("custom");
  await panel.getByLabel("Amount").fill("1");
  await panel.getByLabel("Unit").selectOption("minutes");
  await panel.getByRole("button", { name: "Set expiry" }).click();
  await expect(panel.getByTestId("expiry-status")).toHaveText(/^Deleted automatically in (60|[1-5]\d) s/);
  // Nobody touches it: the status moves on by itself (the delete's stack events refresh the dashboard).
  await expect(page.getByTestId("environment-status")).toHaveText("deleting", { timeout: 300_000 });
  await expect(page.getByTestId("environment-status")).toHaveText("deleted", { timeout: 120_000 });
  // The local delete keeps a dump of the notes database, as Delete does.
  const dumps = execFileSync("ls", [join(sandboxFolder, "dumps")], { encoding: "utf8" });
  expect(dumps).toMatch(/\.sql$/m);

  await page.goto("/admin/audit");
  await page.getByLabel("Who (e-mail contains)").fill("system");
  const entry = page.getByTestId("audit-row").filter({ hasText: environmentId });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("environment.delete");
  await expect(entry).toContainText("system");
});
