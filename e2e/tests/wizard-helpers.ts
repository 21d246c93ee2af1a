// Shared steps of the wizard journeys: a fresh wizard with a name no other run has used.
import { expect, type Locator, type Page } from "@playwright/test";

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Opens a new wizard (no draft carried over from an earlier test) and names the environment. */
export async function startWizard(page: Page, name: string): Promise<void> {
  await page.goto("/environments/new");
  await page.evaluate(() => window.localStorage.clear());
  await page.goto("/environments/new");
  const nameField = page.getByLabel("Environment name");
  // The first visit compiles nothing (a built portal) but asks the server for taken names: allow for a busy machine.
  await expect(nameField).toHaveValue(/^notes-prod/, { timeout: 15_000 });
  await nameField.fill(name);
}

export async function openStep(page: Page, title: string): Promise<void> {
  await page
    .getByRole("navigation", { name: "Wizard steps" })
    .getByRole("button", { name: new RegExp(`^\\d?\\.?\\s*${title}`) })
    .click();
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeFocused();
}

/** The error a screen reader would read for a field: the element its aria-describedby points at. */
async function describedError(field: Locator): Promise<string> {
  const ids = (await field.getAttribute("aria-describedby")) ?? "";
  const errorId = ids.split(" ").find((id) => id.endsWith("-error"));
  if (!errorId) return "";
  return (await field.page().locator(`[id="${errorId}"]`).textContent()) ?? "";
}

export async function expectFieldError(field: Locator, message: RegExp): Promise<void> {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect.poll(() => describedError(field)).toMatch(message);
}

export async function expectLaunchBlocked(page: Page): Promise<void> {
  await openStep(page, "Review");
  await expect(page.getByRole("button", { name: "Launch" })).toBeDisabled();
  await expect(page.locator("#launch-reason")).toHaveText(/^Fix \d+ errors? first/);
}

/** Launches a new environment on the local sandbox through the wizard; returns once its dashboard says live. */
export async function launchAndWaitLive(page: Page, name: string): Promise<string> {
  await startWizard(page, name);
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Launch" }).click();
  await page.waitForURL(/\/environments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  return page.url();
}

/** Deletes the environment whose dashboard is open, typing its name to confirm; returns once it is deleted. */
export async function deleteFromDashboard(page: Page, name: string): Promise<void> {
  await page.getByLabel(`Type ${name} to confirm`).fill(name);
  await page.getByRole("button", { name: "Delete environment" }).click();
  await expect(page.getByTestId("environment-status")).toHaveText("deleted", { timeout: 60_000 });
}
