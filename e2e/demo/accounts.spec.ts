import { DEMO_CREDENTIALS, DEMO_LIMITED_CREDENTIALS, DEMO_STORE_HASH } from '../../src/bigcommerce/simulator/demo-store'
import {
  accountCard,
  accountDetail,
  authorizeDemoStore,
  chooseBigCommerceTrigger,
  createAutomation,
  eventField,
  expect,
  expectNoSeriousA11yViolations,
  selectEvent,
  test,
} from './wizard-steps'

test('the limited demo token marks Product Created and SKU Created as needing Products, and blocks nothing', async ({ page }) => {
  await createAutomation(page, 'Scopes first')
  await chooseBigCommerceTrigger(page)
  await authorizeDemoStore(page, DEMO_LIMITED_CREDENTIALS)

  const events = eventField(page)
  // Chromium tells assistive technology each optgroup as a group named by its label, but
  // Playwright's role engine neither names optgroups nor counts them as visible: so by label.
  const group = (label: string) => events.locator(`optgroup[label="${label}"]`).getByRole('option', { includeHidden: true })
  await expect(group('Needs Products: read-only for live samples')).toHaveText(['Product Created', 'SKU Created'])
  await expect(group('Live samples available')).toHaveText(['Cart Converted', 'Customer Created', 'Order Created', 'Shipment Created'])
  await expectNoSeriousA11yViolations(page)

  // Still a choice: the webhook needs no scope, only the live sample does.
  await selectEvent(page, 'SKU Created')
  await expect(events).toHaveAccessibleDescription(/Needs Products: read-only for live samples and the fetched record/)
  await expect(events).toHaveAccessibleDescription(/The event itself is delivered all the same/)
  await selectEvent(page, 'Order Created')
  await expect(events).toHaveAccessibleDescription(/This account’s token has Orders: read-only/)

  // The full token of the same store has every scope: one plain list.
  await authorizeDemoStore(page, DEMO_CREDENTIALS)
  await expect(events.locator('optgroup')).toHaveCount(0)
})

test('the Accounts page and its dialogs pass an axe check, and a rename shows in the Account list', async ({ page }) => {
  await createAutomation(page, 'Accessible accounts')
  await chooseBigCommerceTrigger(page)
  await authorizeDemoStore(page, DEMO_LIMITED_CREDENTIALS)

  // The draft is not saved: the leave guard asks first.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click()
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave' }).click()
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible()
  const card = accountCard(page, DEMO_STORE_HASH)
  await expect(accountDetail(card, 'Can read')).toContainText('No Products: read-only')
  await expect(accountDetail(card, 'Used by').getByRole('link', { name: 'Accessible accounts' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  await card.getByRole('button', { name: `Re-enter token ${DEMO_STORE_HASH}` }).click()
  const tokenDialog = page.getByRole('dialog', { name: 'Re-enter the Access Token' })
  await tokenDialog.getByRole('button', { name: 'Check and replace' }).click()
  await expect(tokenDialog.getByRole('alert')).toHaveText('Enter the Access Token.')
  await expectNoSeriousA11yViolations(page)
  await tokenDialog.getByRole('button', { name: 'Cancel' }).click()

  await card.getByRole('button', { name: `Delete ${DEMO_STORE_HASH}` }).click()
  const deleteDialog = page.getByRole('dialog', { name: 'Delete this account?' })
  await expect(deleteDialog.getByRole('link', { name: 'Accessible accounts' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
  await deleteDialog.getByRole('button', { name: 'Close' }).click()

  await card.getByRole('button', { name: `Rename ${DEMO_STORE_HASH}` }).click()
  const renameDialog = page.getByRole('dialog', { name: 'Rename account' })
  await renameDialog.getByRole('textbox', { name: 'Account name' }).fill('')
  await renameDialog.getByRole('button', { name: 'Save name' }).click()
  await expect(renameDialog.getByRole('alert')).toHaveText('Enter a name.')
  await expectNoSeriousA11yViolations(page)
  await renameDialog.getByRole('textbox', { name: 'Account name' }).fill('Demo, orders only')
  await renameDialog.getByRole('button', { name: 'Save name' }).click()
  await expect(renameDialog).toBeHidden()

  // The wizard's Account list names it so too.
  await accountCard(page, 'Demo, orders only').getByRole('link', { name: 'Accessible accounts' }).click()
  await expect(page.getByRole('heading', { name: 'Accessible accounts', level: 1 })).toBeVisible()
  await page.getByRole('navigation', { name: 'Automation steps' }).getByRole('link', { name: 'Configure Trigger' }).click()
  await expect(page.getByRole('combobox', { name: 'Account', exact: true }).locator('option:checked')).toHaveText(
    `Demo, orders only (${DEMO_STORE_HASH}) · ••••${DEMO_LIMITED_CREDENTIALS.accessToken.slice(-4)}`,
  )
})
