import type { Locator, Page } from '@playwright/test'
import {
  accountCard,
  addCustomHeader,
  DEMO_START,
  expect,
  openAccountsPage,
  openTriggerPage,
  openTriggerTab,
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

async function expectLooks(page: Page, part: Locator, name: string, mask: Locator[] = []) {
  // Off every control, so no hover style lands in the picture.
  await page.mouse.move(0, 0)
  await expect(part).toHaveScreenshot(name, { animations: 'disabled', mask })
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(DEMO_START)
})

test('the version comparison’s pickers look like every other field, and the Restore dialog’s buttons stand apart', async ({ page }) => {
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

  // Its buttons stand off the table of what a restore changes, as in every dialog.
  await page.getByRole('button', { name: 'Restore version 1' }).click()
  const dialog = page.getByRole('dialog', { name: 'Restore version 1?' })
  await expect(dialog.getByRole('table')).toBeVisible()
  await expectLooks(page, dialog, 'restore-dialog.png')
})

test('the delivery log names records as it names events, and keeps its parts apart', async ({ page }) => {
  await setUpTrigger(page, { name: 'Looks of the log', event: 'Product Created' })
  await saveAndExit(page)
  const demoStore = page.getByRole('complementary', { name: 'Demo store' })
  // Two products of the freshly seeded store: the same ids, hashes and (by the clock) times each run.
  await demoStore.getByRole('button', { name: 'Create a product' }).click()
  await demoStore.getByRole('button', { name: 'Create a product' }).click()
  await openTriggerPage(page)
  const log = await openTriggerTab(page, 'Deliveries')
  await expect(log.getByRole('table', { name: 'Deliveries, newest first' }).getByRole('row')).toHaveCount(3)
  await expectLooks(page, log, 'delivery-log.png')
})

test('an account’s buttons stand apart from the automations that use it', async ({ page }) => {
  await setUpTrigger(page, { name: 'Looks of an account', event: 'Order Created' })
  await saveAndExit(page)
  await openAccountsPage(page)
  const card = accountCard(page, 'Demo Store')
  await expect(card.getByRole('link', { name: 'Looks of an account' })).toBeVisible()
  await expectLooks(page, card, 'account-card.png')
})

test('the saved summary’s rows line up, Check now within its line', async ({ page }) => {
  await setUpTrigger(page, { name: 'Looks of a summary', event: 'Product Created' })
  await saveAndExit(page)
  const summary = page.getByRole('region', { name: 'Trigger', exact: true })
  await expect(summary.getByRole('button', { name: 'Check now' })).toBeVisible()
  // The destination ends with the trigger's random id: masked, as it is the same length each run.
  await expectLooks(page, summary, 'saved-summary.png', [summary.locator('.mono').filter({ hasText: '/hooks/bigcommerce/' })])
})
