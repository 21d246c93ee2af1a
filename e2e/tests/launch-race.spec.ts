// Launch clicked exactly when the wizard's autosave fires (issue 18). Playwright's clock holds the page's
// timers, so both orderings of the one batched request (saveDraft then launch, launch then saveDraft) are
// produced on purpose instead of 1 launch in 6: either way the browser must reach the dashboard, with one
// environment and one operation. tRPC's batch link dispatches on a timer too, so calls made while the clock
// is paused leave together in one request once it runs.
import { expect, type Page, test } from "@playwright/test";
import mysql from "mysql2/promise";
import { deleteFromDashboard, openStep, uniqueName } from "./wizard-helpers.js";

test.describe.configure({ timeout: 120_000 });

// The wizard's SERVER_SAVE_AFTER_MS (apps/portal/src/app/environments/new/use-autosave.ts).
const AUTOSAVE_AFTER_MS = 800;
const DASHBOARD_URL = /\/environments\/[0-9a-f-]{36}$/;

/** Opens a fresh wizard with the page's clock paused, so that no autosave runs until the test says so. */
async function pausedWizard(page: Page, name: string): Promise<void> {
  await page.clock.install();
  await page.goto("/environments/new");
  await page.evaluate(() => window.localStorage.clear());
  await page.goto("/environments/new");
  const nameField = page.getByLabel("Environment name");
  await expect(nameField).toHaveValue(/^notes-prod/, { timeout: 15_000 });
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  // The first change of this wizard: its save would create the draft (and rewrite the URL).
  await nameField.fill(name);
  await openStep(page, "Review");
  await expect(page.getByRole("button", { name: "Launch" })).toBeEnabled();
}

async function storedRows(name: string) {
  const db = await mysql.createConnection(process.env.DATABASE_URL ?? "");
  try {
    const [environments] = (await db.query("SELECT id, status FROM environments WHERE name = ?", [
      name,
    ])) as unknown as [{ id: string; status: string }[]];
    const [operations] = (await db.query(
      "SELECT o.id FROM operations o JOIN environments e ON e.id = o.environmentId WHERE e.name = ?",
      [name],
    )) as unknown as [{ id: string }[]];
    return { environments, operations };
  } finally {
    await db.end();
  }
}

async function expectOneLaunch(page: Page, name: string): Promise<void> {
  await page.waitForURL(DASHBOARD_URL, { timeout: 30_000 });
  const stored = await storedRows(name);
  expect(stored.environments).toHaveLength(1);
  expect(stored.environments[0]?.status).not.toBe("draft");
  expect(stored.operations).toHaveLength(1);
  expect(page.url()).toContain(stored.environments[0]?.id);
  // It stays there: no late autosave sends the browser back to the wizard.
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await expect(page).toHaveURL(DASHBOARD_URL);
  await deleteFromDashboard(page, name);
}

test("Launch clicked as the autosave fires (saveDraft, then launch, in one batch) opens the dashboard", async ({
  page,
}) => {
  const name = uniqueName("race-save-first");
  await pausedWizard(page, name);
  // The autosave's timer fires: its saveDraft waits in the batch queue for the batch timer.
  await page.clock.runFor(AUTOSAVE_AFTER_MS);
  await page.getByRole("button", { name: "Launch" }).click();
  await page.clock.resume();
  await expectOneLaunch(page, name);
});

test("Launch clicked just before the autosave fires (launch, then saveDraft) opens the dashboard", async ({
  page,
}) => {
  const name = uniqueName("race-launch-first");
  await pausedWizard(page, name);
  await page.clock.runFor(AUTOSAVE_AFTER_MS - 1);
  await page.getByRole("button", { name: "Launch" }).click();
  // The autosave's delay ends with the launch still queued: both would leave in one batch.
  await page.clock.runFor(1);
  await page.clock.resume();
  await expectOneLaunch(page, name);
});

test("a double click on Launch launches once", async ({ page }) => {
  const name = uniqueName("race-double");
  await pausedWizard(page, name);
  await page.clock.resume();
  await page.getByRole("button", { name: "Launch" }).dblclick();
  await expectOneLaunch(page, name);
});
