// Pictures shown in the READMEs are refreshed only on request (STACKYARD_SCREENSHOTS=1), so a test run
// never leaves the working tree changed.
import type { Page } from "@playwright/test";

const refresh = process.env.STACKYARD_SCREENSHOTS === "1";

/** Saves a screenshot under the repository (path relative to e2e/) when refreshing is asked for. */
export async function saveDocScreenshot(page: Page, path: string, fullPage = true): Promise<void> {
  if (refresh) await page.screenshot({ path, fullPage });
}
