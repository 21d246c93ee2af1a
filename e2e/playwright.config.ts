// Journeys run in Debian's Chromium (Playwright downloads no browser here) against the built portal,
// which Playwright starts on its own port with the test instance's database.
import { defineConfig, devices } from "@playwright/test";
import { E2E_STORAGE_STATE } from "./e2e-admin.js";

const port = Number(process.env.STACKYARD_E2E_PORT ?? 3100);
const reportDir = process.env.STACKYARD_TEST_REPORTS;
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  // This network refuses outside hosts: never let Chromium try them.
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
];

export default defineConfig({
  testDir: "./tests",
  // Signs in as the e2e admin (creating it on first run); every test starts from that session.
  globalSetup: "./global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  outputDir: "../.data/test/playwright-artifacts",
  reporter: reportDir ? [["list"], ["json", { outputFile: `${reportDir}/playwright.json` }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    storageState: E2E_STORAGE_STATE,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: chromiumArgs,
        },
      },
    },
  ],
  webServer: {
    command: "npm run start -w @stackyard/portal",
    cwd: "..",
    url: `http://127.0.0.1:${port}/api/trpc/system.status`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      // The operate journey waits for the expiry scheduler: every 2 s here rather than every minute.
      STACKYARD_EXPIRY_INTERVAL_MS: process.env.STACKYARD_EXPIRY_INTERVAL_MS ?? "2000",
    },
  },
});
