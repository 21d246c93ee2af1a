// Access control as people meet it: signing in and out, a viewer who cannot launch, a deployer who
// launches (and deletes what it launched) but cannot manage users, and the headers every page carries.
// These journeys start signed out; the e2e admin (global-setup.ts) creates the accounts they use.
import { randomBytes } from "node:crypto";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_STORAGE_STATE } from "../e2e-admin.js";
import { deleteFromDashboard, openStep, startWizard, uniqueName } from "./wizard-helpers.js";

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ timeout: 90_000 });

interface Account {
  email: string;
  password: string;
  role: "viewer" | "deployer";
}

async function createAccount(browser: Browser, baseURL: string, role: Account["role"]): Promise<Account> {
  const account = {
    email: `${uniqueName(role)}@e2e.stackyard.test`,
    password: randomBytes(12).toString("base64url"),
    role,
  };
  const context = await browser.newContext({ baseURL, storageState: E2E_STORAGE_STATE });
  const page = await context.newPage();
  await page.goto("/admin/users");
  const form = page.getByRole("region", { name: "Add a user" });
  await form.getByLabel("E-mail").fill(account.email);
  await form.getByLabel("Name").fill(`E2E ${role}`);
  await form.getByLabel("First password").fill(account.password);
  await form.getByLabel("Role", { exact: true }).selectOption(role);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toHaveText(`${account.email} can now sign in as a ${role}.`);
  await context.close();
  return account;
}

async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${account.email} (${account.role})`);
}

test("once set up, the portal asks to sign in; a wrong password is refused; sign-out ends the session", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/environments/new");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fenvironments%2Fnew$/);

  const viewer = await createAccount(browser, baseURL ?? "", "viewer");
  await page.getByLabel("E-mail").fill(viewer.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // (Next.js keeps its own route announcer as a second role=alert.)
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong e-mail or password.");

  await signIn(page, viewer);
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
});

test("a viewer sees the environments but cannot reach launch, and the server refuses it too", async ({
  page,
  browser,
  baseURL,
}) => {
  const viewer = await createAccount(browser, baseURL ?? "", "viewer");
  await signIn(page, viewer);
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  await expect(page.getByRole("link", { name: /New environment|Create your first environment/ })).toHaveCount(
    0,
  );
  await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);

  await page.goto("/environments/new");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(
    page.getByText(/signed in as a viewer\. Only a deployer or an admin may launch/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Launch" })).toHaveCount(0);

  const status = await page.evaluate(async () => {
    const body = { json: { target: "local", spec: {}, clientRequestToken: "viewer-tries-1234" } };
    const response = await fetch("/api/trpc/environments.launch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.status;
  });
  expect(status).toBe(403);
});

test("a deployer launches and deletes its own environment but cannot manage users", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const deployer = await createAccount(browser, baseURL ?? "", "deployer");
  await signIn(page, deployer);
  await expect(page.getByRole("navigation", { name: "Administration" })).toHaveCount(0);
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();

  const name = uniqueName("owned");
  await startWizard(page, name);
  await openStep(page, "Review");
  await page.getByRole("button", { name: "Launch" }).click();
  await page.waitForURL(/launched=|\/environments\/[0-9a-f-]{36}$/);
  const id = /([0-9a-f]{8}-[0-9a-f-]{27})/.exec(page.url())?.[1];
  await page.goto(`/environments/${id}`);
  await expect(page.getByTestId("environment-status")).toHaveText("live", { timeout: 90_000 });
  await deleteFromDashboard(page, name);
});

test("every response carries the security headers, and a change from another origin is refused", async ({
  request,
}) => {
  const page = await request.get("/sign-in");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  const forged = await request.post("/api/trpc/auth.signIn", {
    headers: { origin: "https://evil.example", "content-type": "application/json" },
    data: { json: { email: "someone@example.test", password: "whatever it is" } },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.text()).toContain("not from https://evil.example");
});
