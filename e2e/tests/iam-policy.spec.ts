import { expect, test } from "@playwright/test";
import { startWizard, uniqueName } from "./wizard-helpers.js";

// The test machines have no AWS credentials: the wizard must say so and offer the policy to attach.
test("without AWS credentials, Basics offers the environment's least-privilege IAM policy", async ({
  page,
}) => {
  const name = uniqueName("iam");
  await startWizard(page, name);
  await expect(page.getByTestId("aws-identity")).toHaveText(/^Not available: /, { timeout: 20_000 });
  const panel = page.getByTestId("iam-policy");
  await panel.getByText("The IAM policy the portal needs for this environment").click();
  const firstPart = panel.getByRole("region", { name: /^Part 1 of \d+$/ });
  await expect(firstPart).toContainText('"Version": "2012-10-17"');
  // Scoped to the stack being typed: renaming the environment re-scopes the policy.
  await expect(panel).toContainText(`:stack/${name}/`);
  await page.getByLabel("Environment name").fill(`${name}-b`);
  await expect(panel).toContainText(`:stack/${name}-b/`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    firstPart.getByRole("link", { name: `Download ${name}-b-deployer-1.json` }).click(),
  ]);
  const saved = JSON.parse(
    await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  expect(saved.Statement.length).toBeGreaterThan(0);
});
