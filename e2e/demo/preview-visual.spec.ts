import type { Page } from '@playwright/test'
import { DEMO_START, EVENTS, expect, runTestTrigger, setUpTrigger, test, testOutput } from './wizard-steps'

/**
 * How the Test Trigger preview looks for each event. Each test starts from the freshly seeded
 * demo store, whose records, ids and times are fixed, so the live sample and its record are the
 * same on every run. The page's clock stands still at one instant, in a fixed zone and locale,
 * so the time of the test is in the picture and the same on every run, on any day.
 */

async function expectPreview(page: Page, name: string) {
  const output = testOutput(page)
  // Off the tabs and rows, so no hover style lands in the picture.
  await page.mouse.move(0, 0)
  await expect(output).toHaveScreenshot(name, { animations: 'disabled' })
}

for (const { label } of EVENTS) {
  const slug = label.toLowerCase().replace(/\s+/g, '-')

  test(`the preview of a ${label} test looks as it should`, async ({ page }) => {
    await page.clock.setFixedTime(DEMO_START)
    await setUpTrigger(page, { name: `Looks of ${label}`, event: label })
    await runTestTrigger(page)
    const output = testOutput(page)
    await expect(output).toContainText('Live sample from your store')
    await expect(output.getByRole('tree', { name: 'Webhook payload' })).toBeVisible()
    await expectPreview(page, `${slug}-webhook-payload.png`)

    await output.getByRole('tab', { name: 'Resource' }).click()
    await expect(output.getByRole('tree', { name: 'Resource' })).toBeVisible()
    await expectPreview(page, `${slug}-resource.png`)
  })
}
