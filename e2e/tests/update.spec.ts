// Updating a live environment on the local sandbox: the Update action, the wizard over the live spec with
// the name locked, a server error that loses nothing typed, the change set as a table, a database rename
// whose review predicts what AWS would replace (DBName: "Update requires: Replacement") with the loud
// database warning and its acknowledgement, then Apply and the dashboard following the update back to live.
//
// The local sandbox never replaces its database, but the review says what AWS would do with the same
// update, and asks for the same acknowledgement.
import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { deleteFromDashboard, launchAndWaitLive, openStep, uniqueName } from "./wizard-helpers.js";

/** The review with its warning, in light and dark: no serious or critical axe violation. */
async function expectNoSeriousAxeViolations(page: Page) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include("main").analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    const summary = (v: (typeof serious)[number]) =>
      `${colorScheme} ${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary}`).join(", ")}`;
    expect(serious.map(summary)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("update a live environment: review the change set, acknowledge a database warning, apply, back to live", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = uniqueName("update");
  const dashboard = await launchAndWaitLive(page, name);

  await page.getByRole("link", { name: "Update" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Update ${name}` })).toBeVisible();
  await expect(page.getByLabel(/Environment name/)).toHaveValue(name);
  await expect(page.getByLabel(/Environment name/)).toHaveAttribute("readonly", "");

  await openStep(page, "Application");
  await expect(page.getByLabel("Desired tasks")).toHaveValue("2");
  await page.getByLabel("Desired tasks").fill("3");
  await openStep(page, "Review");

  // A server that does not answer: the error is shown and nothing typed is lost.
  await page.route("**/api/trpc/environments.planUpdate**", (route) => route.abort());
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /fetch/i })).toBeVisible();
  await openStep(page, "Application");
  await expect(page.getByLabel("Desired tasks")).toHaveValue("3");
  await page.unrouteAll();

  // A database rename: AWS would replace the instance, so the review predicts it, says why and at what
  // cost, and Apply waits for the acknowledgement.
  await openStep(page, "Database");
  const databaseName = page.getByLabel("Database name");
  const originalName = await databaseName.inputValue();
  await databaseName.fill("notes_renamed");
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Review changes" }).click();
  const warning = page.getByTestId("data-loss-warning");
  await expect(warning).toContainText("On AWS, this update destroys the database's data");
  await expect(warning).toContainText("DbInstance (the database) will be REPLACED (DBName changes)");
  await expect(warning).toContainText("starts empty");
  await expect(warning).toContainText("endpoint changes");
  await expect(page.getByTestId("local-keeps-database")).toBeVisible();
  const table = page.getByTestId("change-table");
  const database = table.getByRole("row", { name: /DbInstance/ });
  await expect(database).toContainText("Yes, replaced");
  await expect(database).toContainText("because of DBName");
  await expect(database).toContainText("Data: The database is replaced by a new, empty instance");
  await expect(database).toContainText("DNS: The database endpoint changes");
  // The task definition names the database: on AWS a new revision, and the tasks are replaced one by one.
  const taskDefinition = table.getByRole("row", { name: /AppTaskDefinition/ });
  await expect(taskDefinition).toContainText("Yes, replaced");
  await expect(taskDefinition).toContainText("because of ContainerDefinitions");
  const apply = page.getByRole("button", { name: "Apply update" });
  await expect(apply).toBeDisabled();
  await expect(page.locator("#apply-reason")).toHaveText(/Acknowledge the database warning/);
  const acknowledgement = page.getByLabel(/the database's data is lost unless restored/);
  await acknowledgement.focus();
  await page.keyboard.press("Space");
  await expect(acknowledgement).toBeChecked();
  await expect(apply).toBeEnabled();
  await expectNoSeriousAxeViolations(page);

  // Back to the live database name: only the service changes.
  await openStep(page, "Database");
  await databaseName.fill(originalName);
  await openStep(page, "Review");
  // The plan as the sandbox reports it: the service modified, nothing replaced, the cost going up.
  await page.getByRole("button", { name: "Review changes again" }).click();
  await expect(table.getByRole("row", { name: /DbInstance/ })).toHaveCount(0);
  await expect(page.getByTestId("data-loss-warning")).toHaveCount(0);
  const service = table.getByRole("row", { name: /AppService/ });
  await expect(service).toContainText("Modify");
  await expect(service).toContainText("AWS::ECS::Service");
  await expect(service).toContainText("No");
  await expect(page.getByTestId("cost-change")).toHaveText(
    /Monthly cost on AWS: \$[\d,.]+ → \$[\d,.]+ \(\+\$/,
  );
  await expect(page.locator("#apply-reason")).toHaveText(/^Applies \d+ changes? to the live environment\.$/);

  // Apply by keyboard; the dashboard follows the update back to live.
  await apply.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(dashboard);
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await expect(page.getByText("update succeeded")).toBeVisible();
  // Progress counts what the update touched (the service), not the whole template.
  await expect(page.getByTestId("progress-counts")).toHaveText(/^1 \/ 1 resources complete/);
  await expect(page.getByTestId("event-row").filter({ hasText: "AppServiceUPDATE_COMPLETE" })).toHaveCount(1);

  await deleteFromDashboard(page, name);
});
