// Drift on the local sandbox, in the browser: a fresh environment is in sync; nginx.conf edited on disk is
// reported MODIFIED with the changed line and marked on the architecture diagram; the panel's way back (the
// update flow with the same spec) re-applies the plan, and the next detection is in sync again.
// Statuses follow CloudFormation's: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-drift.html
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { deleteFromDashboard, launchAndWaitLive, openStep, uniqueName } from "./wizard-helpers.js";

test("drift: detect an edited nginx.conf, see it on the diagram, bring it back with a same-spec update", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const name = uniqueName("drift");
  const dashboard = await launchAndWaitLive(page, name);
  const folder = page.locator("dt", { hasText: /^SandboxFolder$/ }).locator("xpath=following-sibling::dd[1]");
  const conf = join(((await folder.textContent()) ?? "").trim(), "nginx", "nginx.conf");

  const panel = page.getByTestId("drift-panel");
  await expect(panel.getByTestId("drift-summary")).toHaveText("Not detected yet");
  await panel.getByRole("button", { name: "Detect drift" }).click();
  await expect(panel.getByTestId("drift-summary")).toHaveText(/^In sync: 3 in sync, \d+ not checked/);

  const original = readFileSync(conf, "utf8");
  writeFileSync(conf, original.replace(/client_max_body_size [^;]+;/, "client_max_body_size 900m;"));
  await panel.getByRole("button", { name: "Detect drift" }).click();
  const nginx = panel.getByTestId("drift-resource-NginxInstance");
  await expect(nginx).toContainText("MODIFIED");
  await expect(nginx.getByRole("row", { name: /NginxConf\/line \d+/ })).toContainText(
    "client_max_body_size 900m;",
  );
  await expect(panel.getByTestId("drift-summary")).toHaveText(/^Drifted: 1 modified; 2 in sync/);
  // The diagram marks the node, in text and in its accessible name.
  await expect(page.getByTestId("drift-marker-NginxInstance")).toHaveText("⚠ drift: modified");
  await expect(page.getByTestId("architecture-node-NginxInstance")).toHaveAccessibleName(/drift: modified$/);
  // After a reload, the last detection comes back from the audit log.
  await page.reload();
  await expect(panel.getByTestId("drift-resource-NginxInstance")).toContainText("MODIFIED");

  // The way back: the update flow with the same spec re-applies the plan.
  await panel.getByRole("link", { name: "Bring it back: review the update" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Update ${name}` })).toBeVisible();
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Review changes" }).click();
  await expect(page.getByTestId("change-table").getByRole("row", { name: /NginxInstance/ })).toContainText(
    "Modify",
  );
  await page.getByRole("button", { name: "Apply update" }).click();
  await page.waitForURL(dashboard);
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await expect(page.getByText("update succeeded")).toBeVisible();
  expect(readFileSync(conf, "utf8")).toBe(original);
  // The detection from before the update is marked as such, and the diagram no longer marks the node.
  await expect(panel.getByTestId("drift-stale")).toBeVisible();
  await expect(page.getByTestId("drift-marker-NginxInstance")).toHaveCount(0);
  await panel.getByRole("button", { name: "Detect drift" }).click();
  await expect(panel.getByTestId("drift-summary")).toHaveText(/^In sync: 3 in sync/);
  await expect(page.getByTestId("drift-marker-NginxInstance")).toHaveCount(0);

  await deleteFromDashboard(page, name);
});
