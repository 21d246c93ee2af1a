import { AxeBuilder } from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { saveDocScreenshot } from "./doc-screenshots.js";
import { openStep, startWizard, uniqueName } from "./wizard-helpers.js";

/** Serious and critical violations; `withoutPreview` leaves out the highlighted template code. */
async function seriousViolations(page: Page, { withoutPreview = false } = {}) {
  const builder = new AxeBuilder({ page });
  if (withoutPreview) builder.exclude('[data-testid="template-text"]');
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
    );
}

test("axe finds no serious or critical violation on the environments list", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Environments", exact: true })).toBeVisible();
  await expect(page.getByTestId("db-status")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("axe finds no serious or critical violation on any wizard step or Review, light and dark", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await startWizard(page, uniqueName("axe"));
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const title of ["Basics", "Network", "Database", "Application", "Edge & access", "Review"]) {
      await openStep(page, title);
      // The highlighted template is checked in full once (Review, light): axe's contrast pass over its
      // thousand lines takes about a minute here. Every other pass checks everything but the code.
      const violations = await seriousViolations(page, {
        withoutPreview: title !== "Review" || scheme === "dark",
      });
      expect(violations, `${title} (${scheme})`).toEqual([]);
    }
  }
  // With errors showing, too: error text must stay readable and every field labelled.
  await openStep(page, "Network");
  await page.getByLabel("VPC CIDR").fill("10.0.0.0/8");
  await expect(page.getByLabel("VPC CIDR")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousViolations(page, { withoutPreview: true })).toEqual([]);
});

test("the wizard fits a phone: no sideways scrolling on any step", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 375, height: 740 });
  await startWizard(page, uniqueName("phone"));
  for (const title of ["Basics", "Network", "Database", "Application", "Edge & access", "Review"]) {
    await openStep(page, title);
    // The wizard's own content (main); the shared header is measured by its own journey.
    const overflow = await page.evaluate(
      () => (document.querySelector("main")?.scrollWidth ?? 0) - window.innerWidth,
    );
    expect(overflow, title).toBeLessThanOrEqual(0);
  }
  await saveDocScreenshot(page, "../apps/portal/docs/wizard-review-phone.png", false);
});
