import {
  chosenOption,
  eventField,
  headerValue,
  proceedToTest,
  reconfigure,
  revertButton,
  revertChanges,
  saveAndExit,
  selectEvent,
  setUpTrigger,
} from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { addFault, clearFaults, createProduct, DEMO_STORE_HASH, DEMO_TOKEN, listDeliveries, listHooks } from './simulator-api'
import { automationIdOf, fetchAutomation, savedSummary, saveNewTrigger } from './steps'

const TEAM_HEADER = { name: 'X-Team', value: 'catalog' }
const CREATE_HOOK = { method: 'POST', pathPattern: '/v3/hooks$' }

/** True once no fault is left on POST /v3/hooks: an invalid hook then gets BigCommerce's own 422. */
async function createHookFaultsUsedUp(simulatorUrl: string): Promise<boolean> {
  const response = await fetch(`${simulatorUrl}/stores/${DEMO_STORE_HASH}/v3/hooks`, {
    method: 'POST',
    headers: { 'X-Auth-Token': DEMO_TOKEN, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: '{}',
  })
  await response.body?.cancel()
  return response.status === 422
}

test('BigCommerce answers 429 and then 500 to a save: the save succeeds once it recovers and nothing is lost', async ({
  page,
  request,
  stack,
}) => {
  await setUpTrigger(page, { name: 'Rate limited', event: 'Product Created', headers: [TEAM_HEADER] })
  await addFault(stack.simulatorUrl, { ...CREATE_HOOK, status: 429, headers: { 'X-Rate-Limit-Time-Reset-Ms': '300' } })
  await addFault(stack.simulatorUrl, { ...CREATE_HOOK, status: 500 })

  await saveAndExit(page)
  const summary = savedSummary(page)
  await expect(summary).toContainText('Registered with BigCommerce')
  await expect(summary).toContainText('Product Created')
  await expect(summary).toContainText('X-Team: catalog')
  // Both faults were met (and retried through) by the save.
  expect(await createHookFaultsUsedUp(stack.simulatorUrl)).toBe(true)

  const automation = await fetchAutomation(request, automationIdOf(page))
  expect(automation.trigger.saved).toMatchObject({ version: 1, config: { event: 'store/product/created', headers: [TEAM_HEADER] } })
  const hooks = await listHooks(stack.simulatorUrl)
  expect(hooks).toHaveLength(1)
  expect(hooks[0]).toMatchObject({ scope: 'store/product/created', headers: { 'X-Team': 'catalog' } })

  // And it works: a new product is delivered and accepted.
  await createProduct(stack.simulatorUrl, 'After the storm')
  expect((await listDeliveries(stack.simulatorUrl)).map((delivery) => delivery.status)).toEqual([200])
})

test('BigCommerce keeps failing: the save fails visibly, the form keeps the changes and the saved trigger and its hook stay as they were', async ({
  page,
  request,
  stack,
}) => {
  const automationId = await saveNewTrigger(page, { name: 'Outage', event: 'Product Created', headers: [TEAM_HEADER] })
  const hooksBefore = await listHooks(stack.simulatorUrl)
  const savedBefore = (await fetchAutomation(request, automationId)).trigger.saved

  await reconfigure(page)
  await selectEvent(page, 'Order Created')
  await headerValue(page, 1).fill('fulfilment')
  await expect(page.getByRole('status').filter({ hasText: 'This trigger differs from the saved configuration.' })).toBeVisible()
  await proceedToTest(page)

  await addFault(stack.simulatorUrl, { ...CREATE_HOOK, status: 500, times: 20 })
  await page.getByRole('button', { name: 'Save and Exit' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'The trigger was not saved' })
  await expect(alert).toContainText('BigCommerce answered 500')
  await expect(alert).toContainText('Your configuration is kept')
  await expect(page.getByRole('heading', { name: 'Test Trigger', level: 2 })).toBeVisible()
  await clearFaults(stack.simulatorUrl)

  // What was typed is still in the form.
  await page.getByRole('button', { name: 'Back', exact: true }).click()
  await expect(chosenOption(eventField(page))).toHaveText('Order Created')
  await expect(headerValue(page, 1)).toHaveValue('fulfilment')
  await expect(revertButton(page)).toBeVisible()

  // The saved configuration and BigCommerce's hook are unchanged, and that hook still delivers.
  const automation = await fetchAutomation(request, automationId)
  expect(automation.trigger.saved).toEqual(savedBefore)
  expect(automation.trigger.draft).toMatchObject({ event: 'store/order/created', headers: [{ name: 'X-Team', value: 'fulfilment' }] })
  expect(await listHooks(stack.simulatorUrl)).toEqual(hooksBefore)
  await createProduct(stack.simulatorUrl, 'Still delivered')
  expect((await listDeliveries(stack.simulatorUrl)).map((delivery) => [delivery.scope, delivery.status])).toEqual([
    ['store/product/created', 200],
  ])

  // Revert Changes brings the saved configuration back into the form.
  await revertChanges(page)
  await expect(chosenOption(eventField(page))).toHaveText('Product Created')
  await expect(headerValue(page, 1)).toHaveValue('catalog')
  await expect(revertButton(page)).toBeHidden()
})
