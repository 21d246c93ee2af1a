import { expect, test } from "@playwright/test";

// Each journey walks several steps of a real portal; on a shared, busy machine that takes a while.
test.describe.configure({ timeout: 90_000 });

import { deleteFromDashboard, launchAndWaitLive, startWizard, uniqueName } from "./wizard-helpers.js";

test("a draft appears in the list, filters by name and status, and opens back in the wizard", async ({
  page,
}) => {
  const name = uniqueName("listed");
  await startWizard(page, name);
  await expect(page.getByTestId("save-status")).toHaveText(/^Draft saved at/);

  await page.goto("/");
  await page.getByLabel("Name contains").fill(name);
  const rows = page.getByTestId("environment-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(name);
  await expect(rows.first().getByTestId("status-badge")).toHaveText("draft");
  await expect(rows.first()).toContainText("Local sandbox");

  await page.getByLabel("Status", { exact: true }).selectOption("live");
  await expect(page.getByText("No environment matches this filter.")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("draft");
  await expect(rows).toHaveCount(1);

  await rows.first().getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/environments\/new\?draft=/);
  await expect(page.getByLabel("Environment name")).toHaveValue(name);
});

test("deleted environments are hidden from the list until asked for", async ({ page }) => {
  const name = uniqueName("gone");
  await launchAndWaitLive(page, name);
  await deleteFromDashboard(page, name);

  await page.goto("/");
  await page.getByLabel("Name contains").fill(name);
  await expect(
    page.getByText(/No environment matches this filter\. Deleted environments are hidden/),
  ).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("any");
  const rows = page.getByTestId("environment-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("status-badge")).toHaveText("deleted");
});

test("with no environments the list explains Stackyard and starts the wizard", async ({ page }) => {
  // The test database is shared with other journeys, so the empty answer is served here.
  await page.route(/\/api\/trpc\/[^?]*environments\.list/, async (route) => {
    const url = new URL(route.request().url());
    const count = url.pathname.split("/").pop()?.split(",").length ?? 1;
    await route.fulfill({
      contentType: "application/json",
      body: JSON.stringify(Array.from({ length: count }, () => ({ result: { data: { json: [] } } }))),
    });
  });
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "No environments yet" })).toBeVisible();
  await expect(page.getByText(/production-grade three-tier environment/)).toBeVisible();
  await page.getByRole("link", { name: "Create your first environment" }).click();
  await expect(page).toHaveURL(/\/environments\/new/);
  await expect(page.getByRole("heading", { level: 2, name: "Basics" })).toBeVisible();
});
