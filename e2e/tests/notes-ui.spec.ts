// The notes app people reach through an environment, on its own notes-api (see notes-app.ts): every user
// function without JavaScript, axe in light and dark, a phone's width, and the browser's own complaints
// (CSP violations, failed requests such as a missing favicon, requests to other hosts).
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { saveDocScreenshot } from "./doc-screenshots.js";
import { type NotesApp, startNotesApp } from "./notes-app.js";

// This app has no sign-in: start from an empty browser, not the portal's e2e admin session.
test.use({ storageState: { cookies: [], origins: [] } });

let notes: NotesApp;
test.beforeAll(async () => {
  notes = await startNotesApp();
});
test.afterAll(async () => notes?.stop());

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}

/** axe in both colour schemes, on the page as it is now. */
async function expectAccessible(page: Page, what: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), `${what} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** Collects what the browser reports as wrong: console errors (CSP refusals land there), 4xx/5xx
 * subresources, and any request that leaves the app. */
function watchBrowser(page: Page, appUrl: string): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    // A page answered 4xx on purpose (422, 404) logs "Failed to load resource"; subresources are
    // checked by status below.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource"))
      problems.push(`console: ${message.text()}`);
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(`${appUrl}/`)) problems.push(`external request: ${request.url()}`);
  });
  page.on("response", (response) => {
    const expectedPage = response.request().isNavigationRequest();
    if (response.status() >= 400 && !expectedPage) problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

const note = (title: string) => ({
  item: (page: Page) => page.getByRole("listitem").filter({ hasText: title }),
});

async function noJsPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: notes.url });
  return context.newPage();
}

// First, so the pictures show only the three notes it adds.
test("empty state, then a phone and a desktop in both schemes; the icon and stylesheet load", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems = watchBrowser(page, notes.url);
  // The empty state first, while the database is empty: it says what to do, and passes axe.
  await page.goto(`${notes.url}/`);
  await expect(page.getByText("No notes yet")).toBeVisible();
  await expectAccessible(page, "empty list");
  const [first] = await notes.addNotes([
    { title: "Renew passport", description: "Photos first; the office opens at nine" },
    { title: "Call the plumber", description: "Kitchen tap drips: ask about Thursday" },
    { title: "Buy oat milk", description: "Two litres, and coffee beans" },
  ]);
  await page.request.post(`${notes.url}/api/notes/${first}/toggle`, { data: {} });
  await page.goto(`${notes.url}/`);
  const icon = await page.request.get(`${notes.url}/favicon.ico`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/svg+xml");
  const css = await page.locator('link[rel="stylesheet"]').getAttribute("href");
  expect(css).toMatch(/^\/static\/app\.[0-9a-f]{12}\.css$/);
  for (const [width, height, size] of [
    [375, 812, "phone"],
    [1280, 900, "desktop"],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${size} ${colorScheme}`).toBeLessThanOrEqual(0);
      await saveDocScreenshot(page, `../apps/notes-api/docs/notes-${size}-${colorScheme}.png`, false);
    }
  }
  // Dark mode really changes the page, not only the browser chrome.
  await page.emulateMedia({ colorScheme: "light" });
  const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(dark).not.toBe(light);
  expect(problems).toEqual([]);
});

test("add, validate, toggle, edit in place, delete with undo: all without JavaScript", async ({
  browser,
}) => {
  const page = await noJsPage(browser);
  const problems = watchBrowser(page, notes.url);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Your notes" })).toBeVisible();

  // Spaces pass the browser's `required` but not the server: the error comes back beside the field,
  // tied to it, with the description kept and the keyboard in the field to fix.
  await page.getByLabel("Title").fill("   ");
  await page.getByLabel("Description").fill("kept after the error");
  await page.getByRole("button", { name: "Add note" }).click();
  const title = page.getByLabel("Title");
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription(/Up to 64 characters.*Title is required/);
  await expect(title).toBeFocused();
  await expect(page.getByLabel("Description")).toHaveValue("kept after the error");

  await title.fill("Water the plants");
  await page.getByRole("button", { name: "Add note" }).click();
  const plants = note("Water the plants").item(page);
  await expect(plants).toContainText("Open");
  await expect(plants.getByRole("button", { name: "Mark done" })).toHaveAccessibleDescription(
    "Water the plants",
  );

  await plants.getByRole("button", { name: "Mark done" }).click();
  await expect(plants).toContainText("Done");
  await expect(plants.getByRole("button", { name: "Mark open" })).toBeVisible();

  await plants.getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(/\?edit=\d+$/);
  await expect(page.getByLabel("Title")).toBeFocused();
  await expect(page.getByRole("button", { name: "Add note" })).toHaveCount(0);
  await page.getByLabel("Title").fill("Water the ficus");
  await page.getByRole("button", { name: "Save" }).click();
  const ficus = note("Water the ficus").item(page);
  await expect(ficus).toContainText("Done");

  await ficus.getByRole("link", { name: "Delete" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Delete this note?" })).toBeVisible();
  await expect(page.getByText("you can undo this")).toBeVisible();
  await page.getByRole("button", { name: "Delete note" }).click();
  await expect(ficus).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText("Deleted “Water the ficus”");
  await page.getByRole("button", { name: "Undo delete" }).click();
  await expect(ficus).toContainText("Done");
  await expect(page.getByRole("status")).toHaveCount(0);
  expect(problems).toEqual([]);
  await page.context().close();
});

test("axe finds no serious or critical violation on any page, light and dark", async ({ page }) => {
  // Twelve axe passes: about 10 s on a quiet machine, several times that on a busy shared one.
  test.setTimeout(180_000);
  const problems = watchBrowser(page, notes.url);
  const [id] = await notes.addNotes([{ title: "Axe check", description: "light and dark" }]);
  await page.goto(`${notes.url}/`);
  await expectAccessible(page, "list");
  await page.getByLabel("Title").fill(" ");
  await page.getByLabel("Description").fill("x");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "list with a validation error");
  await page.goto(`${notes.url}/?edit=${id}`);
  await expectAccessible(page, "list editing in place");
  await page.goto(`${notes.url}/notes/${id}/edit`);
  await expectAccessible(page, "edit page");
  await page.goto(`${notes.url}/notes/${id}/delete`);
  await expectAccessible(page, "delete confirmation");
  await page.getByRole("button", { name: "Delete note" }).click();
  await expectAccessible(page, "list with the undo notice");
  expect(problems).toEqual([]);
  const missing = await page.goto(`${notes.url}/no/such/page`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "404 page");
});

test("pages through older notes with the cursor, and back to the newest", async ({ page }) => {
  await notes.addNotes(
    Array.from({ length: 55 }, (_, i) => ({ title: `Paged ${i + 1}`, description: "bulk" })),
  );
  await page.goto(`${notes.url}/`);
  await expect(page.getByRole("heading", { level: 3, name: "Paged 55", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Older notes" }).click();
  await expect(page).toHaveURL(/\?cursor=/);
  await expect(page.getByRole("heading", { level: 2, name: "Older notes" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Paged 5", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Paged 55", exact: true })).toHaveCount(0);
  // A change made on page 2 comes back to page 2.
  await note("Paged 5").item(page).getByRole("button", { name: "Mark done" }).click();
  await expect(page).toHaveURL(/\?cursor=[^#]+#note-\d+$/);
  await expect(note("Paged 5").item(page)).toContainText("Done");
  await page.getByRole("link", { name: "Newest notes" }).click();
  await expect(page.getByRole("heading", { level: 3, name: "Paged 55", exact: true })).toBeVisible();
});

test("the keyboard moves in reading order: skip link, form, then each note's actions", async ({ page }) => {
  await notes.addNotes([{ title: "Keyboard order", description: "tab through" }]);
  await page.goto(`${notes.url}/`);
  const order: string[] = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    // A field by its id, anything else by its text.
    order.push(
      await page.evaluate(
        () => document.activeElement?.id || document.activeElement?.textContent?.trim() || "",
      ),
    );
  }
  expect(order).toEqual(["Skip to content", "Notes", "title", "description", "Add note"]);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Mark done" }).first()).toBeFocused();
  // The skip link takes the keyboard past the header.
  await page.goto(`${notes.url}/`);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Title")).toBeFocused();
});
