import type { Page } from '@playwright/test'
import { DEMO_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import {
  accountCard,
  authorizeDialog,
  authorizeDemoStore,
  chooseBigCommerceTrigger,
  createAutomation,
  draftStored,
  expect,
  openTriggerPage,
  openTriggerTab,
  proceedToTest,
  reconfigure,
  runTestTrigger,
  saveAndExit,
  selectEvent,
  setUpTrigger,
  test,
  testOutput,
} from './wizard-steps'

/** Every place a user can be has an address: a reload and Back and Forward come back to it. */

const configureTab = (page: Page) => page.getByRole('tab', { name: 'Configure Trigger' })

test('a user who reloads with the Authorize dialog open finds it open again, on the Configure Trigger tab', async ({ page }) => {
  await createAutomation(page, 'Deep link to Authorize')
  await chooseBigCommerceTrigger(page)
  await page.getByRole('button', { name: '+ Add New Account' }).click()
  await expect(authorizeDialog(page)).toBeVisible()
  await expect(page).toHaveURL(/\/automations\/[^/?]+\?.*tab=configure/)
  await expect(page).toHaveURL(/dialog=authorize/)

  await page.reload()
  await expect(authorizeDialog(page)).toBeVisible()
  await expect(configureTab(page)).toHaveAttribute('aria-selected', 'true')

  await authorizeDialog(page).getByRole('button', { name: 'Cancel' }).click()
  await expect(authorizeDialog(page)).toBeHidden()
  await expect(page).not.toHaveURL(/dialog=/)
  await page.reload()
  await expect(configureTab(page)).toHaveAttribute('aria-selected', 'true')
  await expect(authorizeDialog(page)).toBeHidden()
})

test('a user who reloads the Test Trigger output finds the same tab and view, tested afresh', async ({ page }) => {
  await setUpTrigger(page, { name: 'Deep link to the output', event: 'Product Created' })
  await runTestTrigger(page)
  const output = testOutput(page)
  await output.getByRole('tab', { name: 'Resource' }).click()
  await output.getByRole('radio', { name: 'Table' }).check()
  await expect(page).toHaveURL(/tab=test/)
  await expect(page).toHaveURL(/output=resource/)
  await expect(page).toHaveURL(/view=table/)

  await page.reload()
  await expect(page.getByRole('heading', { name: 'Test Trigger', level: 2 })).toBeVisible()
  await expect(testOutput(page).getByRole('tab', { name: 'Resource' })).toHaveAttribute('aria-selected', 'true')
  await expect(testOutput(page).getByRole('radio', { name: 'Table' })).toBeChecked()
  await expect(testOutput(page).getByRole('table', { name: 'Resource' })).toBeVisible()
})

test('a user goes to Accounts and comes Back and Forward to the same place in the output', async ({ page }) => {
  await setUpTrigger(page, { name: 'Back and Forward', event: 'Product Created' })
  await saveAndExit(page)
  // Unchanged since the save, so leaving asks nothing.
  await reconfigure(page)
  await proceedToTest(page)
  await runTestTrigger(page)
  await testOutput(page).getByRole('tab', { name: 'Resource' }).click()
  await testOutput(page).getByRole('radio', { name: 'Schema' }).check()
  const place = page.url()

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click()
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible()
  const account = accountCard(page, 'Demo Store')
  await expect(account).toContainText(DEMO_CREDENTIALS.storeHash)
  await expect(account).toContainText(DEMO_CREDENTIALS.accessToken.slice(-4))
  await expect(account).not.toContainText(DEMO_CREDENTIALS.accessToken)

  await page.goBack()
  await expect(page).toHaveURL(place)
  await expect(page.getByRole('heading', { name: 'Test Trigger', level: 2 })).toBeVisible()
  await expect(testOutput(page).getByRole('tab', { name: 'Resource' })).toHaveAttribute('aria-selected', 'true')
  await expect(testOutput(page).getByRole('radio', { name: 'Schema' })).toBeChecked()

  await page.goForward()
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible()
  await expect(account).toContainText(DEMO_CREDENTIALS.storeHash)
})

test("a user opens the saved trigger's page, moves between its tabs, each at its own address, and reloads it", async ({ page }) => {
  await setUpTrigger(page, { name: 'Trigger page', event: 'Order Created' })
  await saveAndExit(page)
  await openTriggerPage(page)
  await expect(page).toHaveURL(/\/automations\/[^/]+\/trigger$/)
  await expect(page.getByRole('tab', { name: 'Deliveries', selected: true })).toBeVisible()
  await expect(page.getByRole('tabpanel', { name: 'Deliveries' })).toContainText('No deliveries.')

  await openTriggerTab(page, 'Versions')
  await expect(page).toHaveURL(/\/trigger\?section=versions$/)
  const version = page.getByRole('list', { name: 'Versions' }).getByRole('listitem')
  await expect(version).toHaveCount(1)
  await expect(version).toContainText(/^Version 1 · saved .+In effect$/)

  await page.reload()
  await expect(page.getByRole('tab', { name: 'Versions', selected: true })).toBeVisible()
  await expect(version).toContainText(/^Version 1 · saved .+In effect$/)
  // Moving between tabs replaced the entry: Back leaves the page.
  await page.goBack()
  await expect(page.getByRole('heading', { name: 'Trigger', level: 2, exact: true })).toBeVisible()
})

test('a link to the trigger’s page from before it had tabs lands on the tab that shows what it names', async ({ page }) => {
  await setUpTrigger(page, { name: 'Old links', event: 'Order Created' })
  await saveAndExit(page)
  await reconfigure(page)
  await selectEvent(page, 'Product Created')
  await proceedToTest(page)
  await saveAndExit(page)
  const triggerPage = page.url().replace(/\?.*$/, '') + '/trigger'
  const demoStore = page.getByRole('complementary', { name: 'Demo store' })
  await demoStore.getByRole('button', { name: 'Create a product' }).click()
  await expect(demoStore.getByRole('status', { name: 'Demo store' })).toContainText('Created product')

  await page.goto(`${triggerPage}?from=1&to=2`)
  await expect(page.getByRole('tab', { name: 'Versions', selected: true })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Changes from version 1 to version 2' })).toBeVisible()

  await page.goto(`${triggerPage}?restore=1`)
  await expect(page.getByRole('tab', { name: 'Versions', selected: true })).toBeVisible()
  await expect(page.getByRole('dialog', { name: 'Restore version 1?' })).toBeVisible()
  await page.getByRole('dialog', { name: 'Restore version 1?' }).getByRole('button', { name: 'Cancel' }).click()

  // The product's delivery is stored by now, or a moment later: the log lists it once it is.
  const open = page.getByRole('table', { name: 'Deliveries, newest first' }).getByRole('button', { name: /^Open / })
  await expect(async () => {
    await page.goto(`${triggerPage}?section=deliveries`)
    await expect(open).toBeVisible({ timeout: 2000 })
  }).toPass()
  await open.click()
  const delivery = new URL(page.url()).searchParams.get('delivery')
  expect(delivery).toMatch(/./)
  await page.goto(`${triggerPage}?delivery=${delivery}`)
  await expect(page.getByRole('tab', { name: 'Deliveries', selected: true })).toBeVisible()
  await expect(page.getByRole('region', { name: /^Delivery · Product \d+$/ })).toBeVisible()
})

test('a user opening an automation at a stage by its address lands there, and an unknown one where the draft was left', async ({
  page,
}) => {
  await createAutomation(page, 'Address of a stage')
  await expect(page).toHaveURL(/tab=connector/)
  await chooseBigCommerceTrigger(page)
  // Nothing waits to be written when the page is left, so the browser does not ask.
  const accountStored = draftStored(page, (draft) => draft['accountId'] !== null)
  await authorizeDemoStore(page)
  await accountStored
  const configureUrl = page.url()

  await page.goto(configureUrl)
  await expect(configureTab(page)).toHaveAttribute('aria-selected', 'true')
  const stored = draftStored(page, (draft) => draft['stage'] === 'chooseTrigger')
  await page.getByRole('tab', { name: 'Choose Trigger' }).click()
  await expect(page).toHaveURL(/tab=choose/)
  await stored

  await page.goto(configureUrl.replace(/\?.*/, '?tab=nonsense'))
  await expect(page.getByRole('tab', { name: 'Choose Trigger' })).toHaveAttribute('aria-selected', 'true')
  await expect(page).toHaveURL(/tab=choose/)
})
