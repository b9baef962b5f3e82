import {
  addCustomHeader,
  chosenOption,
  diffRows,
  eventField,
  headerName,
  headerValue,
  openVersions,
  proceedToTest,
  reconfigure,
  saveAndExit,
  selectEvent,
  summaryItem,
} from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { listHooks } from './simulator-api'
import { saveNewTrigger } from './steps'

test('a user compares the first and third saves, restores the first and saves it: BigCommerce holds its hook again', async ({
  page,
  stack,
}) => {
  // Version 1: Order Created with X-Team.
  await saveNewTrigger(page, { name: 'Versioned orders', event: 'Order Created', headers: [{ name: 'X-Team', value: 'catalog' }] })
  const [first] = await listHooks(stack.simulatorUrl)
  const secret = first?.headers?.['X-Trigger-Secret']
  expect(secret).toMatch(/^[0-9a-f]{64}$/)

  // Version 2: Product Created, X-Team changed, an API key added.
  await reconfigure(page)
  await selectEvent(page, 'Product Created')
  await headerValue(page, 1).fill('sales')
  await addCustomHeader(page, 2, { name: 'X-Api-Key', value: 'k-123' })
  await proceedToTest(page)
  await saveAndExit(page)

  // Version 3: Customer Created, without X-Team.
  await reconfigure(page)
  await selectEvent(page, 'Customer Created')
  await page.getByRole('button', { name: 'Remove header 1' }).click()
  await expect(headerName(page, 1)).toHaveValue('X-Api-Key')
  await proceedToTest(page)
  await saveAndExit(page)
  await expect(summaryItem(page, 'Saved')).toContainText('Version 3')

  await openVersions(page)
  const versions = page.getByRole('list', { name: 'Versions' }).getByRole('listitem')
  await expect(versions).toHaveCount(3)
  await expect(versions.nth(0)).toContainText('Version 3')
  await expect(versions.nth(0)).toContainText('Customer Created · 1 custom header')
  await expect(versions.nth(0)).toContainText('In effect')
  await expect(versions.nth(2)).toContainText('Version 1')
  await expect(versions.nth(2)).toContainText('Order Created · 1 custom header')

  const compare = page.getByRole('region', { name: 'Compare versions' })
  await compare.getByRole('combobox', { name: 'Compare version' }).selectOption('1')
  await compare.getByRole('combobox', { name: 'With version' }).selectOption('3')
  expect(await diffRows(compare.getByRole('table', { name: 'Changes from version 1 to version 3' }))).toEqual([
    ['Field', 'Version 1', 'Version 3', 'Change'],
    ['Event', 'Order Created', 'Customer Created', 'Changed'],
    ['Header X-Team', 'catalog', 'Not set', 'Removed'],
    ['Header X-Api-Key', 'Not set', '••••Hidden', 'Added'],
  ])
  await expect(compare).not.toContainText('k-123')
  // The comparison has an address of its own.
  await page.reload()
  await expect(page.getByRole('table', { name: 'Changes from version 1 to version 3' })).toBeVisible()

  // Restore version 1: it becomes the draft, and saving it puts it in effect.
  await page.getByRole('button', { name: 'Restore version 1' }).click()
  const dialog = page.getByRole('dialog', { name: 'Restore version 1?' })
  expect(await diffRows(dialog.getByRole('table'))).toEqual([
    ['Field', 'Version 3', 'Version 1', 'Change'],
    ['Event', 'Customer Created', 'Order Created', 'Changed'],
    ['Header X-Api-Key', '••••Hidden', 'Not set', 'Removed'],
    ['Header X-Team', 'Not set', 'catalog', 'Added'],
  ])
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
  await expect(page.getByRole('tab', { name: 'Configure Trigger' })).toHaveAttribute('aria-selected', 'true')
  await expect(chosenOption(eventField(page))).toHaveText('Order Created')
  await expect(headerName(page, 1)).toHaveValue('X-Team')
  await expect(headerValue(page, 1)).toHaveValue('catalog')
  await expect(headerName(page, 2)).toBeHidden()
  await expect(page.getByText('It was restored from version 1: save it to put it in effect.')).toBeVisible()
  // Nothing changes at BigCommerce before the save.
  expect((await listHooks(stack.simulatorUrl)).map((hook) => hook.scope)).toEqual(['store/customer/created'])

  await proceedToTest(page)
  await saveAndExit(page)
  await expect(summaryItem(page, 'Saved')).toContainText('Version 4')
  await expect(summaryItem(page, 'Saved')).toContainText('restored from version 1')

  // One hook, version 1's event and headers, with the trigger's own secret.
  const hooks = await listHooks(stack.simulatorUrl)
  expect(hooks).toHaveLength(1)
  expect(hooks[0]).toMatchObject({ scope: 'store/order/created', is_active: true, destination: first?.destination })
  expect(hooks[0]?.headers).toEqual({ 'X-Team': 'catalog', 'X-Trigger-Secret': secret })

  await openVersions(page)
  await expect(versions).toHaveCount(4)
  await expect(versions.nth(0)).toContainText('Version 4')
  await expect(versions.nth(0)).toContainText('restored from version 1')
  await expect(versions.nth(0)).toContainText('In effect')
})
