import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const CI = !!process.env['CI'];

/**
 * Use the system Chromium when there is one (Debian's /usr/bin/chromium), so no browser is ever
 * downloaded; `PLAYWRIGHT_CHROMIUM` or `CHROMIUM_PATH` point at another one. With none of these,
 * `executablePath` stays undefined and Playwright falls back to its own bundled browser.
 */
function chromiumPath(): string | undefined {
  const fromEnv = process.env['PLAYWRIGHT_CHROMIUM'] ?? process.env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
const executablePath = chromiumPath();

// Playwright already gives every launch a fresh, temporary --user-data-dir.
// The networking flags stop Chromium from calling home on a machine with a closed network.
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEV_URL = 'http://localhost:5173';
const BUILT_URL = 'http://localhost:4173';

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: {
      args: launchArgs,
      ...(executablePath ? { executablePath } : {}),
    },
  },
  projects: [
    { name: 'dev', use: { baseURL: DEV_URL } },
    { name: 'built', use: { baseURL: BUILT_URL } },
  ],
  webServer: [
    {
      command: 'npm run dev',
      url: DEV_URL,
      reuseExistingServer: !CI,
      timeout: 60_000,
    },
    {
      command: 'npm run build && npm run preview',
      url: BUILT_URL,
      reuseExistingServer: !CI,
      // Show the build's output, so a typecheck failure says why the server did not start.
      stdout: 'pipe',
      timeout: 180_000,
    },
  ],
});
