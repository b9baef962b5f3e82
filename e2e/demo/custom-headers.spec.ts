import {
  addCustomHeader,
  chooseBigCommerceTrigger,
  configureEvent,
  createAutomation,
  expect,
  headerName,
  headerValue,
  proceedToTest,
  runTestTrigger,
  saveAndExit,
  showOptionalFields,
  summaryItem,
  test,
} from './wizard-steps'

test('a user adds custom headers, removes one, and sees the others in the saved trigger', async ({ page }) => {
  await createAutomation(page, 'Orders with headers')
  await chooseBigCommerceTrigger(page)
  await configureEvent(page, 'Order Created')

  await showOptionalFields(page)
  await expect(page.getByRole('group', { name: 'Custom Headers' })).toContainText('No custom headers yet.')
  await addCustomHeader(page, 1, { name: 'X-Tenant', value: 'acme' })
  await addCustomHeader(page, 2, { name: 'X-Discard', value: 'not wanted' })
  await addCustomHeader(page, 3, { name: 'X-Source', value: 'demo store' })

  await page.getByRole('button', { name: 'Remove header 2' }).click()
  await expect(headerName(page, 3)).toBeHidden()
  await expect(headerName(page, 1)).toHaveValue('X-Tenant')
  await expect(headerValue(page, 1)).toHaveValue('acme')
  await expect(headerName(page, 2)).toHaveValue('X-Source')
  await expect(headerValue(page, 2)).toHaveValue('demo store')

  await proceedToTest(page)
  await expect(page.getByRole('region', { name: 'What will be tested' })).toContainText('X-Source: demo store')
  await runTestTrigger(page)
  await saveAndExit(page)

  await expect(summaryItem(page, 'Custom Headers').getByRole('listitem')).toHaveText(['X-Tenant: acme', 'X-Source: demo store'])
})
