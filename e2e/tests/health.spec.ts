// Health on the local sandbox, in the browser: every tier healthy on the dashboard and in the list's badge;
// a task killed (as ECS stops one) shows the environment degraded, then healthy again once the sandbox's
// service scheduler has replaced it, with the stop reason in the service's details
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { deleteFromDashboard, launchAndWaitLive, uniqueName } from "./wizard-helpers.js";

test("health: healthy tiers, a killed task degraded then replaced, and the list's badge", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = uniqueName("health");
  const dashboard = await launchAndWaitLive(page, name);
  const health = page.getByTestId("health-panel");
  await expect(health.getByTestId("health-overall")).toHaveText(/^✓ healthy/, { timeout: 20_000 });
  for (const tier of ["edge", "service", "targetGroup", "database"]) {
    await expect(health.getByTestId(`health-tier-${tier}`)).toContainText("healthy");
  }
  await expect(health.getByTestId("health-tier-service")).toContainText("2 of 2 tasks running, 0 pending");

  const folder = page.locator("dt", { hasText: /^SandboxFolder$/ }).locator("xpath=following-sibling::dd[1]");
  const state = JSON.parse(
    readFileSync(join(((await folder.textContent()) ?? "").trim(), "state.json"), "utf8"),
  );
  const [task] = Object.values(state.tasks as Record<string, { pid: number }>);
  if (!task) throw new Error("the sandbox recorded no task");
  process.kill(-task.pid, "SIGKILL");
  await health.getByRole("button", { name: "Refresh" }).click();
  await expect(health.getByTestId("health-overall")).toHaveText(/degraded/, { timeout: 10_000 });
  await expect(health.getByTestId("health-tier-service")).toContainText("1 of 2 task(s) running");
  // Keyboard: Refresh is a button reached and pressed without a mouse.
  await expect(async () => {
    await health.getByRole("button", { name: "Refresh" }).press("Enter");
    await expect(health.getByTestId("health-overall")).toHaveText(/^✓ healthy/, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  const service = health.getByTestId("health-tier-service");
  await service.getByText("Stopped tasks and service events").click();
  await expect(service).toContainText(
    "Essential container in task exited (killed by SIGKILL, exit code 137)",
  );
  await expect(service).toContainText("has started 1 tasks");

  await page.goto("/");
  await page.getByLabel("Name contains").fill(name);
  const row = page.getByTestId("environment-row").filter({ hasText: name });
  await expect(row.getByTestId("health-badge")).toHaveText("✓ healthy");
  await page.goto(dashboard);
  await deleteFromDashboard(page, name);
});
