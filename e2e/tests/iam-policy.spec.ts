import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import mysql from "mysql2/promise";
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

// An AWS operation refused for lack of a permission: seeded straight into the portal's database, since
// no machine here reaches AWS. The dashboard must put the policy next to the refusal.
test("an operation AWS refused with AccessDenied shows the policy scoped to the stack's account", async ({
  page,
}) => {
  const name = uniqueName("denied");
  const db = await mysql.createConnection(requiredEnv("DATABASE_URL"));
  const environmentId = randomUUID();
  try {
    const spec = JSON.stringify({ name, region: "eu-west-1" });
    await db.query(
      `INSERT INTO environments (id, name, target, region, status, spec, stackId, updatedAt)
       VALUES (?, ?, 'aws', 'eu-west-1', 'failed', ?, ?, NOW(3))`,
      [environmentId, name, spec, `arn:aws:cloudformation:eu-west-1:123456789012:stack/${name}/0a1b`],
    );
    await db.query(
      `INSERT INTO operations (id, environmentId, kind, status, specSnapshot, clientRequestToken, errorMessage, finishedAt)
       VALUES (?, ?, 'create', 'failed', ?, ?, ?, NOW(3))`,
      [
        randomUUID(),
        environmentId,
        spec,
        randomUUID(),
        "AWS refused the request: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cloudformation:CreateChangeSet",
      ],
    );
    await page.goto(`/environments/${environmentId}`);
    await expect(page.getByTestId("failure-reason")).toContainText("not authorized to perform");
    const panel = page.getByTestId("iam-policy");
    await panel.getByText("The IAM policy the portal needs for this environment").click();
    await expect(panel).toContainText(`arn:aws:cloudformation:eu-west-1:123456789012:stack/${name}/*`);
  } finally {
    await db.query("DELETE FROM environments WHERE id = ?", [environmentId]);
    await db.end();
  }
});

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: load .data/test/services.env (see e2e/README.md)`);
  return value;
}
