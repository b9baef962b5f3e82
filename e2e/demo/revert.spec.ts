import {
  accountField,
  chosenOption,
  DEMO_ACCOUNT_OPTION,
  diffRows,
  draftStored,
  eventField,
  expect,
  expectNoSeriousA11yViolations,
  headerName,
  headerValue,
  proceedToTest,
  reconfigure,
  revertButton,
  revertDialog,
  runTestTrigger,
  saveAndExit,
  scopeOf,
  selectEvent,
  setUpTrigger,
  summaryItem,
  test,
} from './wizard-steps'

test('a user reverts a re-configured trigger to the saved one, then saves a new one', async ({ page }) => {
  await setUpTrigger(page, {
    name: 'Revertible',
    event: 'Order Created',
    headers: [
      { name: 'X-Tenant', value: 'acme' },
      { name: 'X-Source', value: 'demo' },
      { name: 'X-Api-Key', value: 'k-123' },
    ],
  })
  await runTestTrigger(page)
  await saveAndExit(page)
  await expect(summaryItem(page, 'Event')).toContainText('Order Created')
  await expect(revertButton(page)).toBeHidden()

  // Re-configure: another event and another header value. Nothing differs until an edit.
  let reopened = draftStored(page, (draft) => draft['stage'] === 'configureTrigger')
  await reconfigure(page)
  await reopened
  await expect(revertButton(page)).toBeHidden()
  await selectEvent(page, 'Product Created')
  await headerValue(page, 1).fill('globex')
  await headerValue(page, 3).fill('k-456')
  await expect(page.getByText('This trigger differs from the saved configuration.')).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Automation steps' })).toContainText('Unsaved changes')

  // Revert Changes first shows what it undoes, field by field, with the secret-looking header masked.
  await revertButton(page).click()
  const dialog = revertDialog(page)
  expect(await diffRows(dialog.getByRole('table', { name: 'From the draft back to saved version 1' }))).toEqual([
    ['Field', 'Draft', 'Saved version 1', 'Change'],
    ['Event', 'Product Created', 'Order Created', 'Changed'],
    ['Header X-Tenant', 'globex', 'acme', 'Value changed'],
    ['Header X-Api-Key', '••••Hidden', '••••Hidden', 'Value changed'],
  ])
  await expect(dialog).toContainText('•••• hides the values of headers whose names contain auth, token, secret, key')
  await expect(dialog).not.toContainText('k-123')
  await expect(dialog).not.toContainText('k-456')
  await expectNoSeriousA11yViolations(page)
  await dialog.getByRole('button', { name: 'Revert', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(revertButton(page)).toBeHidden()
  // The form shows the saved configuration exactly, and stays open.
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
  await expect(eventField(page)).toHaveValue(scopeOf('Order Created'))
  await expect(page.getByRole('switch', { name: 'Show optional fields' })).toBeChecked()
  await expect(headerName(page, 1)).toHaveValue('X-Tenant')
  await expect(headerValue(page, 1)).toHaveValue('acme')
  await expect(headerName(page, 2)).toHaveValue('X-Source')
  await expect(headerValue(page, 2)).toHaveValue('demo')
  await expect(headerValue(page, 3)).toHaveValue('k-123')
  await expect(headerName(page, 4)).toBeHidden()
  await expect(page.getByRole('navigation', { name: 'Automation steps' })).toContainText('Saved')

  // Saving a changed event makes it the saved one.
  const customerStored = draftStored(page, (draft) => draft['event'] === scopeOf('Customer Created'))
  await selectEvent(page, 'Customer Created')
  await customerStored
  await expect(revertButton(page)).toBeVisible()
  await proceedToTest(page)
  await runTestTrigger(page)
  await saveAndExit(page)
  await expect(summaryItem(page, 'Event')).toHaveText(`Customer Created · Scope: ${scopeOf('Customer Created')}`)
  await expect(summaryItem(page, 'Custom Headers').getByRole('listitem')).toHaveText([
    'X-Tenant: acme',
    'X-Source: demo',
    'X-Api-Key: k-123',
  ])
  await expect(summaryItem(page, 'Saved')).toContainText('Version 2')

  // Nothing differs from the new saved trigger, so there is nothing to revert.
  reopened = draftStored(page, (draft) => draft['stage'] === 'configureTrigger')
  await reconfigure(page)
  await reopened
  await expect(eventField(page)).toHaveValue(scopeOf('Customer Created'))
  await expect(revertButton(page)).toBeHidden()
})
