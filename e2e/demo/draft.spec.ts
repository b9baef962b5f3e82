import {
  authorizeDemoStore,
  chooseBigCommerceTrigger,
  chosenOption,
  createAutomation,
  DEMO_ACCOUNT_LABEL,
  accountField,
  draftStored,
  eventField,
  expect,
  scopeOf,
  selectEvent,
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
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_LABEL)
  await expect(chosenOption(eventField(page))).toHaveText('Shipment Created')
})

test('a user leaving with unsaved changes is asked first, and can stay or leave', async ({ page }) => {
  await createAutomation(page, 'Not saved yet')
  await chooseBigCommerceTrigger(page)
  await authorizeDemoStore(page)
  await selectEvent(page, 'Order Created')

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
