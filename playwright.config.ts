import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';

// The specs need a running Grafana with the app (GRAFANA_URL, http://localhost:3000 by default); without
// one, every test is skipped with the reason (tests/fixtures.ts). Where Playwright cannot download its
// browser, PLAYWRIGHT_CHROMIUM_EXECUTABLE names one (such as /usr/bin/chromium).
const chromium = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;

/**
 * See https://playwright.dev/docs/test-configuration.
 */
export default defineConfig<PluginOptions>({
  testDir: './tests',
  /* Run tests in files in parallel */
  fullyParallel: true,
  /* Fail the build on CI if you accidentally left test.only in the source code. */
  forbidOnly: !!process.env.CI,
  /* Retry on CI only */
  retries: process.env.CI ? 2 : 0,
  /* Reporter to use. See https://playwright.dev/docs/test-reporters */
  reporter: process.env.CI ? 'list' : 'html',
  /* Shared settings for all the projects below. See https://playwright.dev/docs/api/class-testoptions. */
  use: {
    /* Base URL to use in actions like `await page.goto('/')`. */
    baseURL: process.env.GRAFANA_URL || 'http://localhost:3000',

    /* Collect trace when retrying the failed test. See https://playwright.dev/docs/trace-viewer */
    trace: 'on-first-retry',
  },

  projects: [
    // 1. Log in to Grafana and store the cookie on disk for the other tests.
    {
      name: 'auth',
      testMatch: /tests\/auth\.setup\.ts$/,
    },
    // 2. The specs of tests/ (not the jest suites under tests/page and tests/integration), as admin.
    {
      name: 'chromium',
      testMatch: /tests\/[^/]+\.spec\.ts$/,
      use: {
        ...devices['Desktop Chrome'],
        ...(chromium ? { launchOptions: { executablePath: chromium } } : {}),
        storageState: 'playwright/.auth/admin.json',
      },
      dependencies: ['auth'],
    },
  ],
});
