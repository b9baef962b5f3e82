import {
  automationLink,
  createAutomation,
  deleteOpenAutomation,
  expect,
  saveAndExit,
  setUpTrigger,
  summaryItem,
  test,
} from './wizard-steps'

test('a user deletes an automation with a registered trigger, and it is gone from the list, for good', async ({ page }) => {
  await createAutomation(page, 'Stays')
  await setUpTrigger(page, { name: 'Short-lived', event: 'Order Created' })
  await saveAndExit(page)
  await expect(summaryItem(page, 'Webhook')).toContainText('Registered with BigCommerce')

  // Cancel keeps it.
  await page.getByRole('button', { name: 'Delete automation' }).click()
  await page.getByRole('dialog', { name: 'Delete this automation?' }).getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('heading', { name: 'Short-lived', level: 1 })).toBeVisible()

  await deleteOpenAutomation(page)
  await expect(automationLink(page, 'Stays')).toBeVisible()
  await expect(automationLink(page, 'Short-lived')).toHaveCount(0)

  // Not just the list's copy: the backend (the demo keeps it in localStorage) has it gone too.
  await page.reload()
  await expect(automationLink(page, 'Stays')).toBeVisible()
  await expect(automationLink(page, 'Short-lived')).toHaveCount(0)
})
