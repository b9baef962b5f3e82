import { defineConfig, devices } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/chromium-launch-options'

/**
 * Pages render times in the browser's zone and locale; both are fixed so that what a test sees
 * never depends on the machine (tests that show the time also fix the clock with `page.clock`).
 */
const chromium = { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions, locale: 'en-US', timezoneId: 'UTC' }

/**
 * The demo's address: vite preview listens on a port the system picks (a port found free
 * beforehand could be taken before it listens), and its "Local:" line says which. Playwright
 * puts that in DEMO_PORT before the workers start, and each worker loads this file again.
 */
const demoUrl = process.env['DEMO_PORT'] ? `http://localhost:${process.env['DEMO_PORT']}` : undefined

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/build-the-server.ts',
  // Two at a time: much of a test is waiting (for a page, a server, a simulated BigCommerce), and
  // one at a time took 11.7 min on a busy 2-core machine against 8.6 min with two.
  workers: 2,
  // Shared, noisy machines: a slow run must not fail a correct test (the axe walk alone takes ~20 s).
  timeout: 90_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  expect: { timeout: 10_000 },
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
  projects: [
    {
      // The in-browser demo: msw answers the contract with the core, memory storage and the simulator.
      name: 'demo',
      testMatch: /demo\/.*\.spec\.ts/,
      use: { ...chromium, baseURL: demoUrl },
    },
    {
      // The real thing: the Node server on SQLite, talking HTTP to the BigCommerce simulator.
      // Its fixtures start both per test, so a test can restart the server or break BigCommerce.
      name: 'server',
      testMatch: /server\/.*\.spec\.ts/,
      use: { ...chromium },
    },
  ],
  webServer: [
    {
      command: 'npm run build:mock && npx vite preview --mode mock --outDir dist-mock --port 0',
      wait: { stdout: /Local:\s+http:\/\/localhost:(?<demo_port>\d+)/ },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
})
