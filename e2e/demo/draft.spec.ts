import {
  authorizeDemoStore,
  chooseBigCommerceTrigger,
  chosenOption,
  configureEvent,
  createAutomation,
  DEMO_ACCOUNT_OPTION,
  accountField,
  draftStored,
  eventField,
  expect,
  reconfigure,
  revertButton,
  revertChanges,
  saveAndExit,
  scopeOf,
  selectEvent,
  setUpTrigger,
  test,
} from './wizard-steps'

test('a user who reloads mid-way finds their draft as they left it', async ({ page }) => {
  await createAutomation(page, 'Survives a reload')
  await chooseBigCommerceTrigger(page)
  await authorizeDemoStore(page)
  const stored = draftStored(page, (draft) => draft['event'] === scopeOf('Shipment Created'))
  await selectEvent(page, 'Shipment Created')
  await stored

  await page.reload()
  await expect(page.getByRole('heading', { name: 'Survives a reload', level: 1 })).toBeVisible()
  await expect(page.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
  await expect(chosenOption(eventField(page))).toHaveText('Shipment Created')
})

test('a user leaving with unsaved changes is asked first, and can stay or leave', async ({ page }) => {
  await createAutomation(page, 'Not saved yet')
  await chooseBigCommerceTrigger(page)
  await configureEvent(page, 'Order Created')

  const backLink = page.getByRole('link', { name: 'Automations' })
  const leaveDialog = page.getByRole('dialog', { name: 'Leave without saving?' })
  await backLink.click()
  await expect(leaveDialog).toBeVisible()
  await leaveDialog.getByRole('button', { name: 'Stay' }).click()
  await expect(leaveDialog).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Not saved yet', level: 1 })).toBeVisible()
  await expect(chosenOption(eventField(page))).toHaveText('Order Created')

  await backLink.click()
  await leaveDialog.getByRole('button', { name: 'Leave' }).click()
  await expect(page.getByRole('heading', { name: 'Automations', level: 1 })).toBeVisible()
  const automation = page.getByRole('list', { name: 'Automations' }).getByRole('listitem').filter({ hasText: 'Not saved yet' })
  await expect(automation).toContainText('No trigger yet')
})

test('a user pressing Back with unsaved changes is asked first', async ({ page }) => {
  await createAutomation(page, 'Back, not saved')
  await chooseBigCommerceTrigger(page)
  await configureEvent(page, 'Cart Converted')

  const leaveDialog = page.getByRole('dialog', { name: 'Leave without saving?' })
  await page.goBack()
  await expect(leaveDialog).toBeVisible()
  await expect(page).toHaveURL(/\/automations\/[^/]+$/)
  await leaveDialog.getByRole('button', { name: 'Stay' }).click()
  await expect(leaveDialog).toBeHidden()
  await expect(page.getByRole('heading', { name: 'Back, not saved', level: 1 })).toBeVisible()
  await expect(chosenOption(eventField(page))).toHaveText('Cart Converted')

  await page.goBack()
  await leaveDialog.getByRole('button', { name: 'Leave' }).click()
  await expect(page.getByRole('heading', { name: 'Automations', level: 1 })).toBeVisible()
  await expect(page).toHaveURL(/\/$/)
  const automation = page.getByRole('list', { name: 'Automations' }).getByRole('listitem').filter({ hasText: 'Back, not saved' })
  await expect(automation).toContainText('No trigger yet')
})

test('a user closing the tab on a re-configured trigger is asked by the browser first', async ({ page }) => {
  await setUpTrigger(page, { name: 'Changed, not saved', event: 'Order Created' })
  await saveAndExit(page)
  await reconfigure(page)
  const stored = draftStored(page, (draft) => draft['event'] === scopeOf('Product Created'))
  await selectEvent(page, 'Product Created')
  await stored
  await expect(revertButton(page)).toBeVisible()

  // The edit is stored, so nothing is waiting to be written: the browser asks because the
  // stored draft differs from the saved trigger.
  const asked = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await asked
  expect(dialog.type()).toBe('beforeunload')
  await dialog.dismiss()
  await expect(page.getByRole('heading', { name: 'Changed, not saved', level: 1 })).toBeVisible()

  // The user stayed, so the demo backend must still answer: Revert Changes goes through it.
  await revertChanges(page)
  await expect(revertButton(page)).toBeHidden()
  await expect(page.getByRole('combobox', { name: 'Select an Event' })).toHaveValue(scopeOf('Order Created'))
})
