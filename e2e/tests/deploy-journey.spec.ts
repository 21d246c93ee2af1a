// The whole journey on the local sandbox: wizard → launch → live events to CREATE_COMPLETE → the notes
// app through nginx (add, edit, toggle, delete a note) → rotate the database password → delete the environment.
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { deleteFromDashboard, openStep, startWizard, uniqueName } from "./wizard-helpers.js";

// Set STACKYARD_SCREENSHOTS=1 to refresh the pictures in docs/ that README.md shows.
const screenshotsFor = process.env.STACKYARD_SCREENSHOTS === "1" ? "../docs/screenshots" : undefined;

async function launchFromWizard(page: Page, name: string): Promise<string> {
  await startWizard(page, name);
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Launch" }).click();
  await page.waitForURL(/\/environments\/[0-9a-f-]{36}$/);
  const id = /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no environment id in ${page.url()}`);
  return id;
}

/** The diagram in light and dark: no serious axe violation; at phone width it scrolls inside itself. */
async function checkArchitectureDiagram(page: Page) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .include('[aria-labelledby="architecture-heading"]')
      .analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(
    () =>
      (document.querySelector('[aria-labelledby="architecture-heading"]')?.scrollWidth ?? 0) -
      window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function useNotesApp(page: Page, appUrl: string) {
  await page.goto(appUrl);
  await expect(page.getByRole("heading", { name: "Your notes" })).toBeVisible();
  await page.getByLabel("Title").fill("Buy milk");
  await page.getByLabel("Description").fill("Two litres, <b>semi-skimmed</b>");
  await page.getByRole("button", { name: "Add note" }).click();
  const row = page.getByRole("listitem").filter({ hasText: "Buy milk" });
  await expect(row).toContainText("Two litres, <b>semi-skimmed</b>");

  await row.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Title").fill("Buy oat milk");
  await page.getByRole("button", { name: "Save" }).click();
  const edited = page.getByRole("listitem").filter({ hasText: "Buy oat milk" });
  await expect(edited).toContainText("Open");

  await edited.getByRole("button", { name: "Mark done" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Buy oat milk" })).toContainText("Done");

  await page
    .getByRole("listitem")
    .filter({ hasText: "Buy oat milk" })
    .getByRole("link", { name: "Delete" })
    .click();
  await page.getByRole("button", { name: "Delete note" }).click();
  // Gone from the list; the notice above it offers Undo.
  await expect(page.getByRole("listitem").filter({ hasText: "Buy oat milk" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo delete" })).toBeVisible();
}

test("launch locally, watch it come up, use the app through nginx, delete it", async ({ page, context }) => {
  test.setTimeout(180_000);
  const name = uniqueName("journey");
  const id = await launchFromWizard(page, name);

  await page.goto(`/environments/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await expect(page.getByTestId("progress-counts")).toHaveText(/^(\d+) \/ \1 resources complete/);
  await expect(page.getByTestId("event-row").first()).toContainText(`${name}CREATE_COMPLETE`);
  // The architecture diagram says the same: the database node is complete, in its name too, and
  // activating it (by keyboard) narrows the event list to the database's events.
  const database = page.getByTestId("architecture-node-DbInstance");
  await expect(database).toHaveAttribute("data-status", "complete");
  await expect(database).toHaveAccessibleName(/^RDS primary \(DbInstance\): complete$/);
  await database.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("event-row").first()).toContainText("DbInstanceCREATE_COMPLETE");
  await expect(page.getByTestId("event-row").filter({ hasNotText: "DbInstance" })).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("event-row").first()).toContainText(`${name}CREATE_COMPLETE`);
  await checkArchitectureDiagram(page);
  // After CREATE_COMPLETE a readiness probe runs by itself: every hop that applies locally passes.
  await expect(page.getByTestId("readiness-overall")).toHaveText("Ready", { timeout: 30_000 });
  for (const hop of ["nginx", "app", "database"])
    await expect(page.getByTestId(`readiness-hop-${hop}`)).toHaveAttribute("data-outcome", "pass");
  await expect(page.getByTestId("readiness-hop-dns")).toContainText("Skipped");
  await page.getByRole("button", { name: "Run again" }).click();
  await expect(page.getByTestId("readiness-history")).toContainText("on request");
  if (screenshotsFor) await page.screenshot({ path: `${screenshotsFor}/dashboard-live.png`, fullPage: true });

  const appUrl = (await page.getByTestId("app-url").textContent()) ?? "";
  expect(appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const app = await context.newPage();
  await useNotesApp(app, appUrl);
  await app.getByLabel("Title").fill("Written before the rotation");
  await app.getByLabel("Description").fill("must still be here after it");
  await app.getByRole("button", { name: "Add note" }).click();
  await expect(app.getByRole("listitem").filter({ hasText: "Written before the rotation" })).toBeVisible();

  // Rotate: a new database password (locally ALTER USER + the secret file rewritten, as RDS rotates its
  // managed secret: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html);
  // the app keeps serving and the note written before is still there.
  const rotation = page.getByTestId("rotate-credentials-panel");
  await expect(rotation.getByTestId("last-rotation")).toHaveText("Never rotated from the portal");
  await rotation.getByRole("button", { name: "Rotate database password" }).click();
  await expect(rotation.getByTestId("rotation-done")).toBeVisible({ timeout: 30_000 });
  await expect(rotation.getByTestId("last-rotation")).toContainText("Last rotated from the portal");
  await app.reload();
  await expect(app.getByRole("listitem").filter({ hasText: "Written before the rotation" })).toBeVisible();
  await app.getByLabel("Title").fill("Written after the rotation");
  await app.getByLabel("Description").fill("a new login with the new password");
  await app.getByRole("button", { name: "Add note" }).click();
  await expect(app.getByRole("listitem").filter({ hasText: "Written after the rotation" })).toBeVisible();
  await app.close();

  // The default spec protects the database: the confirmation says so, and the delete turns it off first.
  await expect(page.getByTestId("deletion-protection-note")).toContainText("first applies an update");
  await deleteFromDashboard(page, name);
  await expect(database).toHaveAttribute("data-status", "deleted");
  // Both phases are in the event stream: the update that turned the protection off, then the delete.
  const eventList = page.locator('section[aria-labelledby="events-heading"]');
  await eventList.getByLabel("Status").selectOption("UPDATE_COMPLETE");
  await eventList.getByLabel("Resource").fill("DbInstance");
  await expect(eventList.getByTestId("event-row")).toHaveCount(1);
  await eventList.getByLabel("Status").selectOption("DELETE_COMPLETE");
  await expect(eventList.getByTestId("event-row")).toHaveCount(1);
  // nginx is stopped with the environment: the address refuses connections.
  const refused = await page.request.get(appUrl).then(
    () => false,
    () => true,
  );
  expect(refused).toBe(true);
});
