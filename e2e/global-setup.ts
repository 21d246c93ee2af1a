// Signs the journeys in. Against an empty database this is the first-run journey itself (the setup
// page creates the e2e admin); against the persistent test database it makes sure the e2e admin exists
// with the known password (without ever failing a sign-in, which would count toward the lock-out), then
// signs in through the sign-in page and saves the browser's storage state for every test.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, expect, type FullConfig } from "@playwright/test";
import mysql from "mysql2/promise";
import { hashPassword, verifyPassword } from "../apps/portal/src/server/auth/password.js";
import { E2E_ADMIN, E2E_ADMIN_SECRET_FILE, E2E_STORAGE_STATE } from "./e2e-admin.js";

/** The password: STACKYARD_E2E_ADMIN_PASSWORD, else the one a previous run wrote, else a new random one. */
async function adminPassword(): Promise<string> {
  if (process.env.STACKYARD_E2E_ADMIN_PASSWORD) return process.env.STACKYARD_E2E_ADMIN_PASSWORD;
  const saved = await readFile(E2E_ADMIN_SECRET_FILE, "utf8").catch(() => "");
  if (saved.trim().length >= 12) return saved.trim();
  const fresh = randomBytes(18).toString("base64url");
  await mkdir(dirname(E2E_ADMIN_SECRET_FILE), { recursive: true });
  await writeFile(E2E_ADMIN_SECRET_FILE, `${fresh}\n`, { mode: 0o600 });
  return fresh;
}

/** Returns true when the database has no user at all (first run: the setup page will be shown). */
async function ensureAdminInDatabase(password: string): Promise<boolean> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: load .data/test/services.env (see e2e/README.md)");
  const db = await mysql.createConnection(url);
  try {
    const [[{ users }]] = (await db.query("SELECT COUNT(*) AS users FROM users")) as unknown as [
      [{ users: number }],
    ];
    if (Number(users) === 0) return true;
    const [rows] = (await db.query("SELECT id, passwordHash FROM users WHERE email = ?", [
      E2E_ADMIN.email,
    ])) as unknown as [{ id: string; passwordHash: string }[]];
    const existing = rows[0];
    if (existing && (await verifyPassword(password, existing.passwordHash))) {
      await db.query("UPDATE users SET role = 'admin', disabledAt = NULL WHERE id = ?", [existing.id]);
    } else if (existing) {
      await db.query(
        "UPDATE users SET role = 'admin', disabledAt = NULL, passwordHash = ?, updatedAt = NOW(3) WHERE id = ?",
        [await hashPassword(password), existing.id],
      );
    } else {
      await db.query(
        "INSERT INTO users (id, email, name, role, passwordHash, updatedAt) VALUES (?, ?, ?, 'admin', ?, NOW(3))",
        [randomUUID(), E2E_ADMIN.email, E2E_ADMIN.name, await hashPassword(password)],
      );
    }
    return false;
  } finally {
    await db.end();
  }
}

/**
 * The one-time setup token the portal under test wrote when it found no user (at boot, and again when the
 * setup page renders): under STACKYARD_DATA_DIR, as the webServer inherits this process's environment.
 */
async function setupToken(): Promise<string> {
  const dataDir = process.env.STACKYARD_DATA_DIR || fileURLToPath(new URL("../.data/test", import.meta.url));
  const file = join(dataDir, "setup-token");
  const token = (await readFile(file, "utf8").catch(() => "")).trim();
  if (!token) throw new Error(`first run, but the portal wrote no setup token to ${file}`);
  return token;
}

export default async function globalSetup(config: FullConfig) {
  const project = config.projects[0];
  const baseURL = project?.use.baseURL;
  const password = await adminPassword();
  const firstRun = await ensureAdminInDatabase(password);
  const browser = await chromium.launch(project?.use.launchOptions);
  const page = await browser.newPage({ baseURL });
  await page.goto("/");
  if (firstRun) {
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByLabel("Setup token").fill(await setupToken());
    await page.getByLabel("Name").fill(E2E_ADMIN.name);
    await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create admin account" }).click();
  } else {
    await expect(page).toHaveURL(/\/sign-in\?next=%2F$/);
    await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${E2E_ADMIN.email} (admin)`);
  await page.context().storageState({ path: E2E_STORAGE_STATE });
  await browser.close();
}
