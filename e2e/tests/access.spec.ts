// Access control as people meet it: signing in and out, a viewer who cannot launch, a deployer who
// launches (and deletes what it launched) but cannot manage users, an account locked by failed sign-ins
// that an admin unlocks, changing one's password, and the headers every page carries.
// These journeys start signed out; the e2e admin (global-setup.ts) creates the accounts they use. The
// first-run setup with its one-time token is global-setup.ts itself on an empty database (CI's fresh clone).
import { randomBytes } from "node:crypto";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import mysql from "mysql2/promise";
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
  await expect(page.getByRole("heading", { name: "Environments", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
});

test("once set up, no setup token is left, and setup is refused whatever token is sent", async ({
  request,
  baseURL,
}) => {
  const dataDir = process.env.STACKYARD_DATA_DIR;
  test.skip(!dataDir, "STACKYARD_DATA_DIR is not set (load .data/test/services.env)");
  await expect(access(join(dataDir ?? "", "setup-token"))).rejects.toThrow(/ENOENT/);
  const setup = await request.post("/api/trpc/auth.setup", {
    headers: { origin: baseURL ?? "", "content-type": "application/json" },
    data: {
      json: {
        email: "late@e2e.stackyard.test",
        name: "Late",
        password: "a late long passphrase",
        setupToken: "x",
      },
    },
  });
  expect(setup.status()).toBe(409);
});

/** 100 failed sign-ins from many addresses, as a distributed guess leaves them (the account ceiling). */
async function recordDistributedGuessing(email: string): Promise<void> {
  const db = await mysql.createConnection(process.env.DATABASE_URL ?? "");
  try {
    const rows = Array.from({ length: 100 }, (_, i) => [
      "sign_in",
      "failure",
      email,
      `198.51.100.${i}`,
      "account",
      email,
    ]);
    await db.query(
      "INSERT INTO audit_entries (action, outcome, actorEmail, address, targetType, targetId, at) VALUES " +
        rows.map(() => "(?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))").join(", "),
      rows.flat(),
    );
  } finally {
    await db.end();
  }
}

test("an account locked by guessing from many addresses is unlocked by an admin on the users page", async ({
  page,
  browser,
  baseURL,
}) => {
  const viewer = await createAccount(browser, baseURL ?? "", "viewer");
  await recordDistributedGuessing(viewer.email);
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(viewer.email);
  await page.getByLabel("Password").fill(viewer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "unlock" })).toHaveText(
    "Too many failed sign-ins for this account from many places. Ask an admin to unlock it.",
  );

  const admin = await browser.newContext({ baseURL, storageState: E2E_STORAGE_STATE });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  const row = adminPage.getByTestId("user-row").filter({ hasText: viewer.email });
  await expect(row).toContainText("locked");
  await row.getByRole("button", { name: `Unlock ${viewer.email}` }).click();
  await expect(row.getByRole("button", { name: `Unlock ${viewer.email}` })).toHaveCount(0);
  await expect(row).not.toContainText("locked");
  await admin.close();

  await signIn(page, viewer);
});

test("changing one's password signs out the other sessions, and the new password works", async ({
  page,
  browser,
  baseURL,
}) => {
  const viewer = await createAccount(browser, baseURL ?? "", "viewer");
  const elsewhere = await browser.newContext({ baseURL });
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, viewer);
  await signIn(page, viewer);

  await page.getByTestId("signed-in-as").click();
  await expect(page).toHaveURL(/\/account$/);
  const form = page.getByRole("region", { name: "Change password" });
  await form.getByLabel("Current password").fill(viewer.password);
  await form.getByLabel("New password").fill("password12345");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(
    form.getByText("New password is a common password with digits or symbols added"),
  ).toBeVisible();

  const newPassword = `new ${randomBytes(9).toString("base64url")} passphrase`;
  await form.getByLabel("New password").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed; 1 other session signed out.");

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await elsewhere.close();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, { ...viewer, password: newPassword });
});

test("a viewer sees the environments but cannot reach launch, and the server refuses it too", async ({
  page,
  browser,
  baseURL,
}) => {
  const viewer = await createAccount(browser, baseURL ?? "", "viewer");
  await signIn(page, viewer);
  await expect(page.getByRole("heading", { name: "Environments", exact: true })).toBeVisible();
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
