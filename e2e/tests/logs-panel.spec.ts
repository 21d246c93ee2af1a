// The dashboard's log panel on a real local environment: a request made through the app URL shows its line
// within 3 s (found by its X-Request-Id), raw on demand; pause holds new lines and Follow brings them; the
// level filter narrows the lines; keyboard and axe find the panel usable.
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { E2E_STORAGE_STATE } from "../e2e-admin.js";
import { deleteFromDashboard, launchAndWaitLive, uniqueName } from "./wizard-helpers.js";

test.describe.configure({ mode: "serial" });

let page: Page;
const name = uniqueName("logs");

async function appUrl(): Promise<string> {
  const value = page.locator("dt", { hasText: /^AppUrl$/ }).locator("xpath=following-sibling::dd[1]");
  return ((await value.textContent()) ?? "").trim();
}

/** A request through nginx with our own request id (notes-api keeps an id that looks like one). */
async function request(id: string): Promise<void> {
  const response = await page.request.get(`${await appUrl()}/api/notes?limit=1`, {
    headers: { "X-Request-Id": id },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toBe(id);
}

test.beforeAll(async ({ browser }, testInfo) => {
  // A context of our own (axe needs one made by newContext).
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: E2E_STORAGE_STATE,
  });
  page = await context.newPage();
});

test.afterAll(async () => {
  if (page && (await page.getByTestId("environment-status").textContent()) === "live") {
    await deleteFromDashboard(page, name);
  }
  await page?.context().close();
});

test("a request through the app URL shows its line within 3 s, found by its request id", async () => {
  test.setTimeout(150_000);
  await launchAndWaitLive(page, name);
  const logs = page.getByTestId("logs-panel");
  await expect(logs.getByTestId("logs-state")).toHaveText("following", { timeout: 10_000 });
  const id = `e2e-${Date.now().toString(36)}`;
  const sent = Date.now();
  await request(id);
  const line = logs.getByTestId("log-line").filter({ hasText: id });
  await expect(line).toBeVisible({ timeout: 3_000 });
  expect(Date.now() - sent).toBeLessThan(3_000);
  await expect(line).toContainText("GET /api/notes?limit=1 → 200");

  await logs.getByLabel("Filter").fill(id);
  await expect(logs.getByTestId("log-line")).toHaveCount(1);
  await logs.getByLabel("Raw lines").check();
  await expect(logs.getByTestId("log-line")).toContainText(`"reqId":"${id}"`);
  await logs.getByLabel("Raw lines").uncheck();
  await logs.getByLabel("Filter").fill("");
  // The unfiltered stream is live again (the filter applies once typing settles).
  await expect(logs.getByTestId("log-line").nth(1)).toBeVisible();
  await expect(logs.getByTestId("logs-state")).toHaveText("following");
});

test("pause holds new lines until Follow; the level filter narrows them", async () => {
  const logs = page.getByTestId("logs-panel");
  await logs.getByRole("button", { name: "Pause" }).click();
  await expect(logs.getByTestId("logs-state")).toHaveText("paused");
  const held = `held-${Date.now().toString(36)}`;
  await request(held);
  await expect(logs.getByRole("button", { name: /^Follow \(\d+ new\)$/ })).toBeVisible({ timeout: 3_000 });
  await expect(logs.getByTestId("log-line").filter({ hasText: held })).toHaveCount(0);
  await logs.getByRole("button", { name: /^Follow/ }).click();
  await expect(logs.getByTestId("log-line").filter({ hasText: held })).toBeVisible();

  await logs.getByLabel("Level").selectOption("error");
  await expect(logs.getByTestId("logs-empty")).toHaveText("No lines match the filter yet.");
  await logs.getByLabel("Level").selectOption("");
  await expect(logs.getByTestId("log-line").filter({ hasText: held })).toBeVisible();
});

test("keyboard reaches every control, and axe finds no serious violation in the panel", async () => {
  const logs = page.getByTestId("logs-panel");
  await logs.getByLabel("Filter").focus();
  await page.keyboard.press("Tab");
  await expect(logs.getByLabel("Level")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(logs.getByLabel("Task")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(logs.getByRole("button", { name: "Pause" })).toBeFocused();
  const results = await new AxeBuilder({ page }).include('[data-testid="logs-panel"]').analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
