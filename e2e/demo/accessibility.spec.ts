import { DEMO_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import {
  addCustomHeader,
  authorizeDialog,
  createAutomation,
  expect,
  expectNoSeriousA11yViolations,
  openTriggerPage,
  openTriggerTab,
  openVersions,
  proceedToTest,
  reconfigure,
  revertButton,
  runTestTrigger,
  saveAndExit,
  selectEvent,
  setUpTrigger,
  showOptionalFields,
  test,
} from './wizard-steps'

test('every step of the wizard passes an axe check', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByText('No automations yet.')).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await createAutomation(page, 'Accessible')
  await expect(page.getByRole('list', { name: 'Connectors' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('list', { name: 'Connectors' }).getByRole('button', { name: 'BigCommerce' }).click()
  await expect(page.getByRole('list', { name: 'Triggers' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('list', { name: 'Triggers' }).getByRole('button', { name: 'BigCommerce' }).click()
  await expect(page.getByRole('button', { name: 'Proceed' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  // The Authorize dialog, then with both its messages.
  await page.getByRole('button', { name: '+ Add New Account' }).click()
  const dialog = authorizeDialog(page)
  await expect(dialog.getByLabel('Store Hash')).toBeFocused()
  await expectNoSeriousA11yViolations(page)
  await dialog.getByRole('button', { name: 'Authorize' }).click()
  await expect(dialog.getByRole('alert')).toHaveCount(2)
  await expectNoSeriousA11yViolations(page)
  await dialog.getByLabel('Store Hash').fill(DEMO_CREDENTIALS.storeHash)
  await dialog.getByLabel('Access Token', { exact: true }).fill(DEMO_CREDENTIALS.accessToken)
  await dialog.getByRole('button', { name: 'Authorize' }).click()
  await expect(dialog).toBeHidden()

  // The form with a message at every kind of field.
  await showOptionalFields(page)
  await addCustomHeader(page, 1, { name: 'Content-Type', value: 'line\nbreak' })
  await page.getByRole('button', { name: 'Proceed' }).click()
  await expect(page.getByRole('alert')).toHaveCount(3)
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('button', { name: 'Remove header 1' }).click()

  await selectEvent(page, 'Order Created')
  await proceedToTest(page)
  await runTestTrigger(page)
  await expectNoSeriousA11yViolations(page)

  await saveAndExit(page)
  // The summary with the webhook's health.
  await expect(page.getByRole('button', { name: 'Check now' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await reconfigure(page)
  await selectEvent(page, 'SKU Created')
  await expect(revertButton(page)).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('link', { name: 'Automations' }).click()
  await expect(page.getByRole('dialog', { name: 'Leave without saving?' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('button', { name: 'Leave' }).click()
  await expect(page.getByRole('list', { name: 'Automations' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('link', { name: 'Accounts' }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Not checked: no Client Secret')
  await expectNoSeriousA11yViolations(page)
})

test('the trigger’s page, each of its tabs and the Restore dialog pass an axe check', async ({ page }) => {
  await setUpTrigger(page, { name: 'Versions to check', event: 'Order Created' })
  await saveAndExit(page)
  await reconfigure(page)
  await selectEvent(page, 'Product Created')
  await showOptionalFields(page)
  await addCustomHeader(page, 1, { name: 'X-Api-Key', value: 'k-1' })
  await proceedToTest(page)
  await saveAndExit(page)
  const demoStore = page.getByRole('complementary', { name: 'Demo store' })
  await demoStore.getByRole('button', { name: 'Create a product' }).click()
  await demoStore.getByRole('button', { name: 'Create a product' }).click()

  await openTriggerPage(page)
  await expect(page.getByRole('table', { name: 'Deliveries, newest first' }).getByRole('row')).toHaveCount(3)
  await expectNoSeriousA11yViolations(page)
  await expect((await openTriggerTab(page, 'Compare deliveries')).getByRole('table')).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await expect((await openTriggerTab(page, 'Fields across deliveries')).getByRole('table')).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await openVersions(page)
  const compare = page.getByRole('region', { name: 'Compare versions' })
  await expect(compare.getByRole('table', { name: 'Changes from version 1 to version 2' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('button', { name: 'Restore version 1' }).click()
  const dialog = page.getByRole('dialog', { name: 'Restore version 1?' })
  await expect(dialog.getByRole('table')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await expectNoSeriousA11yViolations(page)
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
})
