// A live local environment whose processes stopped (as `scripts/services.sh down` stops them: SIGTERM to
// each pid file's process group) must not look healthy: its dashboard says which processes are not
// running. Bringing them back happens at the portal's next start (tested in the portal's
// src/server/deploy/local/revive.integration.test.ts, which restarts them and reads the notes back).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { deleteFromDashboard, launchAndWaitLive, uniqueName } from "./wizard-helpers.js";

function stopLikeServicesDown(sandboxFolder: string): number[] {
  const folder = join(sandboxFolder, "pids");
  const pids = readdirSync(folder)
    .filter((f) => f.endsWith(".pid"))
    .map((file) => Number(readFileSync(join(folder, file), "utf8").trim()));
  for (const pid of pids) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // Already gone, as in the script.
    }
  }
  return pids;
}

/** Pids still running; a zombie (state Z) has exited, as the portal's own check counts it. */
function stillRunning(pids: number[]): number[] {
  return pids.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
      return false;
    }
  });
}

test("a live local environment whose processes stopped says so on its dashboard", async ({ page }) => {
  test.setTimeout(180_000);
  const name = uniqueName("stopped");
  await launchAndWaitLive(page, name);
  await expect(page.getByTestId("local-processes")).toHaveCount(0);

  const folder = page.locator("dt", { hasText: /^SandboxFolder$/ }).locator("xpath=following-sibling::dd[1]");
  const sandboxFolder = ((await folder.textContent()) ?? "").trim();
  expect(sandboxFolder).toContain(name);
  const appUrl = ((await page.getByTestId("app-url").textContent()) ?? "").trim();
  const pids = stopLikeServicesDown(sandboxFolder);
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
  // nginx stops at once, but notes-api drains for a while after SIGTERM: the dashboard may only say all
  // three are down once every process has exited (CI once read it while the notes-api were draining).
  await expect.poll(() => stillRunning(pids), { timeout: 40_000 }).toEqual([]);

  await page.reload();
  const alert = page.getByRole("alert").filter({ hasText: "local processes are not running" });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(
    /not running: notes-api 127\.0\.0\.1:\d+, notes-api 127\.0\.0\.1:\d+, nginx 127\.0\.0\.1:\d+/,
  );

  await deleteFromDashboard(page, name);
  await expect(page.getByTestId("local-processes")).toHaveCount(0);
});
