import { defineConfig, devices } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/chromium-launch-options'

const chromium = { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions }

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  expect: { timeout: 10_000 },
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
  projects: [
    {
      // The in-browser demo: msw answers the contract with the core, memory storage and the simulator.
      name: 'demo',
      testMatch: /demo\/.*\.spec\.ts/,
      use: { ...chromium, baseURL: 'http://localhost:4173' },
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
      command: 'npm run build:mock && npx vite preview --mode mock --outDir dist-mock --port 4173 --strictPort',
      url: 'http://localhost:4173',
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
})
