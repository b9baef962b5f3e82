import type { Locator, Page } from '@playwright/test'
import {
  addCustomHeader,
  DEMO_START,
  expect,
  openVersions,
  proceedToTest,
  reconfigure,
  saveAndExit,
  selectEvent,
  setUpTrigger,
  showOptionalFields,
  test,
} from './wizard-steps'

/**
 * How the saved trigger's page and its neighbours look. The page's clock stands still, in the
 * config's fixed zone and locale, so every time shown is the same on every run, on any day.
 */

async function expectLooks(page: Page, part: Locator, name: string) {
  // Off every control, so no hover style lands in the picture.
  await page.mouse.move(0, 0)
  await expect(part).toHaveScreenshot(name, { animations: 'disabled' })
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(DEMO_START)
})

test('the version comparison’s pickers look like every other field', async ({ page }) => {
  await setUpTrigger(page, { name: 'Looks of versions', event: 'Order Created' })
  await saveAndExit(page)
  await reconfigure(page)
  await selectEvent(page, 'Product Created')
  await showOptionalFields(page)
  await addCustomHeader(page, 1, { name: 'X-Team', value: 'catalog' })
  await proceedToTest(page)
  await saveAndExit(page)

  await openVersions(page)
  const compare = page.getByRole('region', { name: 'Compare versions' })
  await expect(compare.getByRole('table', { name: 'Changes from version 1 to version 2' })).toBeVisible()
  await expectLooks(page, compare, 'compare-versions.png')
})
