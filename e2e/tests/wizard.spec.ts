import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { saveDocScreenshot } from "./doc-screenshots.js";

// Each journey walks several steps of a real portal; on a shared, busy machine that takes a while.
test.describe.configure({ timeout: 90_000 });

import {
  expectFieldError,
  expectLaunchBlocked,
  openStep,
  startWizard,
  uniqueName,
} from "./wizard-helpers.js";

const docs = "../apps/portal/docs";

test("the happy path reaches Review with the template visible, copyable and downloadable", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const name = uniqueName("happy");
  await startWizard(page, name);
  // Keyboard only: Next takes the user to the top of the next step.
  for (const title of ["Network", "Database", "Application", "Edge & access", "Review"]) {
    await page.getByRole("button", { name: `Next: ${title}` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 2, name: title })).toBeFocused();
    if (title === "Network") await saveDocScreenshot(page, `${docs}/wizard-network.png`);
  }
  await expect(page.getByText("No errors or warnings")).toBeVisible();
  await expect(page.getByRole("button", { name: "Launch" })).toBeEnabled();
  const template = page.getByTestId("template-text");
  await expect(template).toContainText("AWSTemplateFormatVersion");
  await expect(template).toContainText(`Stackyard environment ${name}`);
  await expect(page.getByRole("table", { name: "Monthly cost line items" })).toContainText("NAT gateway");
  await saveDocScreenshot(page, `${docs}/wizard-review.png`);

  const [yamlDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download" }).click(),
  ]);
  expect(yamlDownload.suggestedFilename()).toBe(`${name}.template.yaml`);
  expect(await readFile(await yamlDownload.path(), "utf8")).toMatch(
    /^AWSTemplateFormatVersion: "2010-09-09"/,
  );

  await page.getByRole("button", { name: "JSON" }).click();
  const [jsonDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download" }).click(),
  ]);
  expect(jsonDownload.suggestedFilename()).toBe(`${name}.template.json`);
  const json = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));
  expect(json.Resources.Vpc.Properties.CidrBlock).toBe("10.0.0.0/16");

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText(/^Copied \d+ lines of JSON$/)).toBeVisible();
});

test("overlapping subnets show on both subnets, mark the Network step and keep Launch disabled", async ({
  page,
}) => {
  await startWizard(page, uniqueName("overlap"));
  await openStep(page, "Network");
  await page.getByLabel("Private subnet 1 (AZ a)").fill("10.0.0.0/24");
  await expectFieldError(
    page.getByLabel("Private subnet 1 (AZ a)"),
    /10\.0\.0\.0\/24 overlaps 10\.0\.0\.0\/20/,
  );
  await expectFieldError(
    page.getByLabel("Public subnet 1 (AZ a)"),
    /overlaps private subnet 1 \(10\.0\.0\.0\/24\)/,
  );
  await expect(page.getByTestId("step-errors-network")).toHaveText("2 errors");
  await expectLaunchBlocked(page);
});

test("SSH from 0.0.0.0/0 is refused beside the SSH field; use my IP fills a /32", async ({ page }) => {
  await startWizard(page, uniqueName("ssh"));
  await openStep(page, "Edge & access");
  await page.getByLabel("Access", { exact: true }).selectOption("ssh");
  const cidr = page.getByLabel("SSH allowed from (CIDR)");
  await cidr.fill("0.0.0.0/0");
  await cidr.blur();
  await expectFieldError(cidr, /SSH must never be open to the whole internet/);
  await expectLaunchBlocked(page);

  await openStep(page, "Edge & access");
  await page.getByRole("button", { name: "Use my IP" }).click();
  await expect(cidr).toHaveValue("127.0.0.1/32");
  await expect(cidr).not.toHaveAttribute("aria-invalid", "true");
});

test("a bad domain is refused beside the domain field", async ({ page }) => {
  await startWizard(page, uniqueName("domain"));
  await openStep(page, "Edge & access");
  const domain = page.getByLabel("Domain (optional)");
  await domain.fill("https://notes.example.com/app");
  await expectFieldError(domain, /must be a domain name like notes\.example\.com \(no scheme, no path\)/);
  await expect(page.getByTestId("step-errors-edge")).toHaveText("1 error");
  await expectLaunchBlocked(page);
});

test("an impossible Fargate size is refused beside the memory field", async ({ page }) => {
  await startWizard(page, uniqueName("fargate"));
  await openStep(page, "Application");
  await page.getByLabel("Task CPU").selectOption("1024");
  await expectFieldError(
    page.getByLabel("Task memory (MiB)"),
    /with 1024 CPU units Fargate offers 2048 to 8192 in steps of 1024 MiB, not 512/,
  );
  await expectLaunchBlocked(page);
  // The Review check links back to the field that fixes it.
  await page.getByRole("button", { name: "Fix in Application" }).click();
  await expect(page.getByLabel("Task memory (MiB)")).toBeFocused();
  await page.getByLabel("Task memory (MiB)").fill("2048");
  await openStep(page, "Review");
  await expect(page.getByRole("button", { name: "Launch" })).toBeEnabled();
});

test("reloading mid-wizard restores exactly what was typed, and the server keeps the draft", async ({
  page,
  browser,
}) => {
  const name = uniqueName("reload");
  await startWizard(page, name);
  await openStep(page, "Network");
  await page.getByLabel("VPC CIDR").fill("10.20.0.0/16");
  await page.getByLabel("Public subnet 2 (AZ b)").fill("10.20.16.0/2");
  await expect(page.getByTestId("save-status")).toHaveText(/^Draft saved at/);
  await expect(page).toHaveURL(/\/environments\/new\?draft=[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 2, name: "Network" })).toBeVisible();
  await expect(page.getByLabel("VPC CIDR")).toHaveValue("10.20.0.0/16");
  await expect(page.getByLabel("Public subnet 2 (AZ b)")).toHaveValue("10.20.16.0/2");

  // Another browser (no local copy) continues from the server's draft.
  const other = await browser.newPage();
  await other.goto(page.url());
  await expect(other.getByLabel("Environment name")).toHaveValue(name);
  await openStep(other, "Network");
  await expect(other.getByLabel("Public subnet 2 (AZ b)")).toHaveValue("10.20.16.0/2");
  await other.close();
});

test("suggest subnets fills valid subnets from the VPC CIDR and the picture follows", async ({ page }) => {
  await startWizard(page, uniqueName("suggest"));
  await openStep(page, "Network");
  await page.getByLabel("VPC CIDR").fill("172.16.0.0/20");
  await page.getByRole("button", { name: "Suggest subnets" }).click();
  await expect(page.getByLabel("Public subnet 1 (AZ a)")).toHaveValue("172.16.0.0/24");
  await expect(page.getByLabel("Private subnet 3 (AZ a)")).toHaveValue("172.16.10.0/24");
  await expect(page.getByText("Address space of 172.16.0.0/20: 172.16.0.0 to 172.16.15.255")).toBeVisible();
  await expect(page.getByTestId("vpc-map-subnet")).toHaveCount(5);
  await expect(page.locator("[data-field-error]")).toHaveCount(0);
});

test("importing a spec shows its problems per field and drops unknown fields; export gives it back", async ({
  page,
}) => {
  await startWizard(page, uniqueName("import"));
  const spec = { name: "imported-env", network: { vpcCidr: "10.0.0.0/33" }, multiAZ: true };
  await page.getByLabel("Import spec…").setInputFiles({
    name: "env.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(spec)),
  });
  await expect(page.getByTestId("import-note")).toHaveText(
    "Imported env.json; 1 problem shown beside the fields; ignored unknown field multiAZ.",
  );
  await expect(page.getByTestId("step-errors-network")).toHaveText("1 error");
  await openStep(page, "Network");
  await expectFieldError(page.getByLabel("VPC CIDR"), /prefix above \/32/);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export spec" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("imported-env.spec.json");
  expect(JSON.parse(await readFile(await download.path(), "utf8"))).toEqual({
    name: "imported-env",
    network: { vpcCidr: "10.0.0.0/33" },
  });
});

test("the cost panel follows the choices that drive it", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await startWizard(page, uniqueName("cost"));
  await openStep(page, "Network");
  const total = page.getByTestId("cost-total");
  const before = await total.textContent();
  await expect(page.getByTestId("cost-driver-nat-per-az")).toHaveText(/would add \$\d+/);
  await page.getByLabel("NAT gateways").selectOption("per-az");
  await expect(total).not.toHaveText(before ?? "");
  await expect(page.getByTestId("cost-driver-nat-per-az")).toHaveText(
    /^One NAT gateway per zone \(2\): adds \$\d+/,
  );
});

test("three zones with two public subnets is explained on the subnet list, and suggest fixes it", async ({
  page,
}) => {
  await startWizard(page, uniqueName("zones"));
  await openStep(page, "Network");
  await page.getByLabel("Availability Zones").selectOption("3");
  const publicList = page.getByRole("group", { name: "public subnets" });
  await expect(publicList).toHaveAccessibleDescription(/3 Availability Zones need at least 3 public subnets/);
  await expect(page.getByTestId("step-errors-network")).toHaveText("1 error");
  await page.getByRole("button", { name: "Suggest subnets" }).click();
  await expect(page.getByLabel("Public subnet 3 (AZ c)")).toHaveValue("10.0.32.0/20");
  await expect(page.getByTestId("step-errors-network")).toHaveCount(0);
});
