import { expect, test } from "@playwright/test";

test("the home page proves the portal reaches its database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Environments" })).toBeVisible();
  await expect(page.getByTestId("db-status")).toHaveText(/^Connected \(MariaDB \d+\.\d+/);
  await expect(page.getByTestId("db-migrations")).toHaveText(/^[1-9]\d* applied, latest \d{14}_\w+$/);
  await expect(page.getByTestId("environment-count")).toHaveText(/^\d+$/);
});
