// A live local environment whose processes stopped (as `scripts/services.sh down` stops them: SIGTERM to
// each pid file's process group) must not look healthy: its dashboard says which processes are not
// running. Bringing them back happens at the portal's next start (tested in the portal's
// src/server/deploy/local/revive.integration.test.ts, which restarts them and reads the notes back).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { openStep, startWizard, uniqueName } from "./wizard-helpers.js";

function stopLikeServicesDown(sandboxFolder: string): void {
  const pids = join(sandboxFolder, "pids");
  for (const file of readdirSync(pids).filter((f) => f.endsWith(".pid"))) {
    const pid = Number(readFileSync(join(pids, file), "utf8").trim());
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone, as in the script.
    }
  }
}

test("a live local environment whose processes stopped says so on its dashboard", async ({ page }) => {
  test.setTimeout(180_000);
  const name = uniqueName("stopped");
  await startWizard(page, name);
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Launch" }).click();
  await page.waitForURL(/\/environments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await expect(page.getByTestId("local-processes")).toHaveCount(0);

  const folder = page.locator("dt", { hasText: /^SandboxFolder$/ }).locator("xpath=following-sibling::dd[1]");
  const sandboxFolder = ((await folder.textContent()) ?? "").trim();
  expect(sandboxFolder).toContain(name);
  const appUrl = ((await page.getByTestId("app-url").textContent()) ?? "").trim();
  stopLikeServicesDown(sandboxFolder);
  await expect
    .poll(
      () =>
        page.request.get(appUrl).then(
          () => "serving",
          () => "refused",
        ),
      { timeout: 30_000 },
    )
    .toBe("refused");

  await page.reload();
  const alert = page.getByRole("alert").filter({ hasText: "local processes are not running" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(
    /not running: notes-api 127\.0\.0\.1:\d+, notes-api 127\.0\.0\.1:\d+, nginx 127\.0\.0\.1:\d+/,
  );

  await page.getByLabel(`Type ${name} to confirm`).fill(name);
  await page.getByRole("button", { name: "Delete environment" }).click();
  await expect(page.getByTestId("environment-status")).toHaveText("deleted", { timeout: 60_000 });
  await expect(page.getByTestId("local-processes")).toHaveCount(0);
});
