import type { LaunchOptions } from '@playwright/test'

/**
 * Debian's Chromium, because Playwright cannot download its own browsers on these machines.
 * The flags keep it from calling out to a network it cannot reach. Shared by the Playwright
 * config and the benchmarks that drive Chromium.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
}
