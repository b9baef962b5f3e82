import type { Page } from '@playwright/test'
import { automationLink, expectNoSeriousA11yViolations, summaryItem } from '../demo/wizard-steps'
import { expect, PUBLIC_URL, test } from './fixtures'
import { blockDomain, createProduct, deactivateHook, deleteHook, listDeliveries, listHooks, updateHookHeaders } from './simulator-api'
import { fetchAutomation, savedSummary, saveNewTrigger } from './steps'

/**
 * What BigCommerce does to a hook behind our back (deactivates it, loses it, blocklists our
 * domain) shows on the saved trigger after a check, and one click puts it right.
 */

async function checkNow(page: Page) {
  const summary = savedSummary(page)
  await summary.getByRole('button', { name: 'Check now' }).click()
  await expect(summary.getByRole('button', { name: 'Check now' })).toBeEnabled()
}

function listItem(page: Page, name: string) {
  return page
    .getByRole('list', { name: 'Automations' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name, exact: true }) })
}

test('a hook BigCommerce deactivated is shown, flagged in the list, and reactivated from the summary', async ({ page, stack }) => {
  await saveNewTrigger(page, { name: 'Watched', event: 'Product Created' })
  const [hook] = await listHooks(stack.simulatorUrl)
  if (!hook) throw new Error('Save registered no hook')
  await createProduct(stack.simulatorUrl, 'Counted')
  await listDeliveries(stack.simulatorUrl)

  await deactivateHook(stack.simulatorUrl, hook.id)
  await checkNow(page)
  const webhook = summaryItem(page, 'Webhook')
  await expect(webhook).toContainText('Deactivated by BigCommerce')
  await expect(summaryItem(page, 'Last 24 hours')).toHaveText('1 delivery')
  await expect(summaryItem(page, 'Last delivery').locator('time')).toHaveAttribute('datetime', /^\d{4}-/)
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('link', { name: 'Automations' }).click()
  await expect(listItem(page, 'Watched').getByText('Needs attention')).toHaveText('Needs attention: BigCommerce deactivated its webhook')
  await expectNoSeriousA11yViolations(page)
  await automationLink(page, 'Watched').click()

  const before = stack.gate.requests().length
  await savedSummary(page).getByRole('button', { name: 'Reactivate' }).click()
  await expect(webhook).toContainText('Registered with BigCommerce')
  await expect(summaryItem(page, 'Webhook').getByRole('status')).toContainText(`Reactivated hook ${hook.id}`)
  // One reconcile run: list the hooks at our destination, PUT the hook active, read the denylist.
  expect(stack.gate.requests().slice(before)).toEqual([
    expect.stringMatching(/^GET .*\/v3\/hooks$/),
    `PUT /stores/demostore1/v3/hooks/${hook.id}`,
    'GET /stores/demostore1/v3/hooks/admin',
  ])
  expect((await listHooks(stack.simulatorUrl)).map(({ id, is_active }) => ({ id, is_active }))).toEqual([{ id: hook.id, is_active: true }])

  await page.getByRole('link', { name: 'Automations' }).click()
  await expect(listItem(page, 'Watched')).toContainText('BigCommerce · Product Created')
  await expect(listItem(page, 'Watched')).not.toContainText('Needs attention')

  // With nothing to change, a whole run (as at start-up) asks BigCommerce twice: the hooks at the
  // trigger's destination, and the account's denylist.
  await stack.restartServer()
  await expect.poll(() => stack.serverLog()).toContain('Reconciler (start-up): 1 trigger, 2 requests to BigCommerce, 0 changes')
})

test('a hook deleted at BigCommerce shows as missing, and Re-register creates exactly one', async ({ page, request, stack }) => {
  const automationId = await saveNewTrigger(page, { name: 'Lost', event: 'Order Created' })
  const [hook] = await listHooks(stack.simulatorUrl)
  if (!hook) throw new Error('Save registered no hook')

  await deleteHook(stack.simulatorUrl, hook.id)
  await checkNow(page)
  await expect(summaryItem(page, 'Webhook')).toContainText('Missing at BigCommerce')
  await expectNoSeriousA11yViolations(page)

  const before = stack.gate.requests().length
  await savedSummary(page).getByRole('button', { name: 'Re-register' }).click()
  await expect(summaryItem(page, 'Webhook')).toContainText('Registered with BigCommerce')
  expect(stack.gate.requests().slice(before)).toEqual([
    expect.stringMatching(/^GET .*\/v3\/hooks$/),
    'POST /stores/demostore1/v3/hooks',
    'GET /stores/demostore1/v3/hooks/admin',
  ])
  const hooks = await listHooks(stack.simulatorUrl)
  expect(hooks).toEqual([
    expect.objectContaining({
      scope: 'store/order/created',
      destination: `${PUBLIC_URL}/hooks/bigcommerce/${(await fetchAutomation(request, automationId)).trigger.id}`,
      is_active: true,
    }),
  ])
  await expect(summaryItem(page, 'Webhook')).toContainText(`hook ${hooks[0]?.id}`)
})

test('a blocklisted domain shows with the time left on the block, and the list flags it', async ({ page, stack }) => {
  await saveNewTrigger(page, { name: 'Blocked', event: 'Customer Created' })

  await blockDomain(stack.simulatorUrl, { domain: new URL(PUBLIC_URL).hostname, seconds: 3600 })
  await checkNow(page)
  const domain = summaryItem(page, 'Domain')
  // An hour's block, checked a moment ago: rounded up, 60 minutes are left.
  await expect(domain).toContainText('Blocklisted by BigCommerce · 60 minutes left, until')
  await expect(domain.locator('time')).toHaveAttribute('datetime', /^\d{4}-/)
  await expect(summaryItem(page, 'Webhook')).toContainText('Registered with BigCommerce')
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('link', { name: 'Automations' }).click()
  await expect(listItem(page, 'Blocked').getByText('Needs attention')).toHaveText('Needs attention: BigCommerce blocklisted its domain')
})

test('deliveries the receiver refuses show on the trigger, and it and the list flag them until one is stored', async ({ page, stack }) => {
  await saveNewTrigger(page, { name: 'Refused', event: 'Product Created' })
  const [hook] = await listHooks(stack.simulatorUrl)
  if (!hook) throw new Error('Save registered no hook')
  // Someone changed the hook's headers at BigCommerce: its deliveries no longer carry our secret.
  await updateHookHeaders(stack.simulatorUrl, hook.id, { 'X-Trigger-Secret': 'not-the-secret' })
  await createProduct(stack.simulatorUrl, 'Refused product')
  expect((await listDeliveries(stack.simulatorUrl)).map((attempt) => attempt.status)).toEqual([401])

  await checkNow(page)
  const refused = summaryItem(page, 'Last refused')
  await expect(refused).toContainText('The X-Trigger-Secret header is missing or wrong.')
  await expect(refused).toContainText('BigCommerce counts a refused delivery as a failure')
  await expect(refused.locator('time')).toHaveAttribute('datetime', /^\d{4}-/)
  await expect(summaryItem(page, 'Last 24 hours')).toHaveText('0 deliveries')
  await expectNoSeriousA11yViolations(page)
  await page.getByRole('link', { name: 'Automations' }).click()
  await expect(listItem(page, 'Refused').getByText('Needs attention')).toHaveText('Needs attention: its deliveries are being refused')

  // The next reconcile run puts the saved headers back; the next delivery is stored. The list
  // has loaded by now, so the page sends nothing while the server is down.
  await stack.restartServer()
  await expect.poll(() => stack.serverLog()).toContain('Reconciler (start-up): 1 trigger')
  await createProduct(stack.simulatorUrl, 'Stored product')
  expect((await listDeliveries(stack.simulatorUrl)).map((attempt) => attempt.status)).toEqual([401, 200])
  // As the user finds it later: the page loaded again.
  await page.reload()
  await expect(listItem(page, 'Refused')).toContainText('BigCommerce · Product Created')
  await expect(listItem(page, 'Refused')).not.toContainText('Needs attention')
  // Nor does the summary still warn of the refusal beside the newer delivery: it was put right.
  await automationLink(page, 'Refused').click()
  await expect(summaryItem(page, 'Last 24 hours')).toHaveText('1 delivery')
  await expect(summaryItem(page, 'Last refused')).toHaveCount(0)
  await expect(savedSummary(page)).not.toContainText('BigCommerce counts a refused delivery as a failure')
})
