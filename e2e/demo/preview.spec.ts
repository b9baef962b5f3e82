import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { BIGCOMMERCE_API_URL } from '../../src/bigcommerce/client'
import { DEMO_CREDENTIALS, DEMO_LIMITED_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import { eventDefinition } from '../../src/connectors/bigcommerce'
import type { EventScope } from '../../src/contract/events'
import {
  EVENTS,
  expect,
  expectNoSeriousA11yViolations,
  proceedToTest,
  reconfigure,
  runTestTrigger,
  saveAndExit,
  setUpTrigger,
  test,
  testOutput,
  testOutputPayload,
} from './wizard-steps'

/** Copy path and Copy value write to the clipboard; the tests read it back. */
test.use({ permissions: ['clipboard-read', 'clipboard-write'] })

type Payload = Record<string, unknown> & { data: Record<string, unknown> }

function asPayload(value: Record<string, unknown>): Payload {
  const data = value['data']
  if (typeof data !== 'object' || data === null) throw new Error('The payload has no data object.')
  return { ...value, data: data as Record<string, unknown> }
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value))

/** The call the backend makes for the record behind an event, and the fields that identify it. */
function expectedResource(scope: EventScope, data: Payload['data']): { request: string; identifiedBy: Record<string, unknown> } {
  const sku = (data['sku'] ?? {}) as Record<string, unknown>
  switch (scope) {
    case 'store/product/created':
      return { request: `GET /v3/catalog/products/${text(data['id'])}`, identifiedBy: { id: data['id'] } }
    case 'store/order/created':
      return { request: `GET /v2/orders/${text(data['id'])}`, identifiedBy: { id: data['id'] } }
    case 'store/cart/converted':
      // The converted cart is gone; its order is the record, and names the cart.
      return { request: `GET /v2/orders/${text(data['orderId'])}`, identifiedBy: { id: data['orderId'], cart_id: data['id'] } }
    case 'store/customer/created':
      return { request: `GET /v3/customers?id:in=${text(data['id'])}`, identifiedBy: { id: data['id'] } }
    case 'store/shipment/created':
      return {
        request: `GET /v2/orders/${text(data['orderId'])}/shipments/${text(data['id'])}`,
        identifiedBy: { id: data['id'], order_id: data['orderId'] },
      }
    case 'store/sku/created':
      return {
        request: `GET /v3/catalog/products/${text(sku['product_id'])}/variants/${text(sku['variant_id'])}`,
        identifiedBy: { id: sku['variant_id'], product_id: sku['product_id'] },
      }
  }
}

const panel = (page: Page, tab: 'Webhook payload' | 'Resource') => testOutput(page).getByRole('tabpanel', { name: tab })

async function openTab(page: Page, tab: 'Webhook payload' | 'Resource') {
  await testOutput(page).getByRole('tab', { name: tab }).click()
  await expect(testOutput(page).getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true')
}

/** Presses a copy button and returns what landed on the clipboard, after the viewer confirms it. */
async function copy(page: Page, view: Locator, button: string): Promise<string> {
  await view.getByRole('button', { name: button, exact: true }).click()
  await expect(view.getByRole('status').filter({ hasText: /^Copied / })).toBeVisible()
  return page.evaluate(() => navigator.clipboard.readText())
}

/** Presses Download JSON and returns the file's name and parsed content. */
async function download(page: Page, view: Locator): Promise<{ name: string; json: unknown }> {
  const downloaded = page.waitForEvent('download')
  await view.getByRole('button', { name: 'Download JSON' }).click()
  const file = await downloaded
  return { name: file.suggestedFilename(), json: JSON.parse(await readFile(await file.path(), 'utf8')) }
}

for (const { label, scope } of EVENTS) {
  test(`a user previews a ${label} test: the payload as BigCommerce sends it, and the record behind it`, async ({ page }) => {
    await setUpTrigger(page, { name: `Preview ${label}`, event: label })
    const payload = asPayload(await runTestTrigger(page))
    expect(payload).toMatchObject({ scope, producer: `stores/${DEMO_CREDENTIALS.storeHash}` })
    const slug = `${text(payload.data['type'])}-${text(payload.data['id'])}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')

    // Webhook payload: the delivery as a tree, a path to copy, the JSON to download.
    const webhook = panel(page, 'Webhook payload')
    await expect(webhook.getByRole('tree', { name: 'Webhook payload' })).toBeVisible()
    await expect(webhook.getByRole('treeitem', { name: `scope: "${scope}"`, level: 1, exact: true })).toBeVisible()
    expect(await copy(page, webhook, 'Copy path data.id')).toBe('data.id')
    expect(await download(page, webhook)).toEqual({ name: `${slug}-webhook-payload.json`, json: payload })

    // Resource: fetched on opening the tab, with the request made and the scope it needs.
    const { request, identifiedBy } = expectedResource(scope, payload.data)
    const { readScope } = eventDefinition(scope)
    await openTab(page, 'Resource')
    const resource = panel(page, 'Resource')
    await expect(resource.getByRole('tree', { name: 'Resource' })).toBeVisible()
    await expect(resource.getByText(request, { exact: true })).toBeVisible()
    await expect(resource).toContainText(`${readScope.label} (${readScope.parameter})`)
    await expect(resource.getByRole('treeitem', { name: `id: ${text(identifiedBy['id'])}`, level: 1, exact: true })).toBeVisible()
    expect(await copy(page, resource, 'Copy value id')).toBe(text(identifiedBy['id']))
    const record = await download(page, resource)
    expect(record.name).toBe(`${slug}-resource.json`)
    expect(record.json).toMatchObject(identifiedBy)

    // Back on the payload, the exact JSON is still there to read.
    await openTab(page, 'Webhook payload')
    expect(await testOutputPayload(page)).toEqual(payload)
  })
}

test('a user whose token lacks the read scope is told what to fix when opening the Resource tab', async ({ page }) => {
  await setUpTrigger(page, { name: 'Limited preview', event: 'Product Created', credentials: DEMO_LIMITED_CREDENTIALS })
  await runTestTrigger(page)
  await expect(testOutput(page)).toContainText('Documented sample')

  await openTab(page, 'Resource')
  const alert = panel(page, 'Resource').getByRole('alert')
  await expect(alert).toContainText('lacks the Products: read-only OAuth scope (store_v2_products_read_only)')
  await expect(alert).toContainText('create an API account with that scope, then add it here with + Add New Account.')
  await expect(alert).toContainText('The documented sample’s ids are examples')
  await expectNoSeriousA11yViolations(page)
  await panel(page, 'Resource').getByRole('button', { name: 'Retry' }).click()
  await expect(alert).toContainText('lacks the Products: read-only OAuth scope')
})

/** Creates a product in the simulated store through BigCommerce's API, as a merchant's app would. */
async function createProductInStore(page: Page, name: string): Promise<number> {
  return page.evaluate(
    async ({ apiUrl, storeHash, token, productName }) => {
      const response = await fetch(`${apiUrl}/stores/${storeHash}/v3/catalog/products`, {
        method: 'POST',
        headers: { 'X-Auth-Token': token, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ name: productName, type: 'physical', weight: 1, price: 12 }),
      })
      if (!response.ok) throw new Error(`Creating ${productName} failed: ${response.status}`)
      const body = (await response.json()) as { data: { id: number } }
      return body.data.id
    },
    { apiUrl: BIGCOMMERCE_API_URL, storeHash: DEMO_CREDENTIALS.storeHash, token: DEMO_CREDENTIALS.accessToken, productName: name },
  )
}

test('a user picks an earlier delivered event and sees it, and its record, in both tabs', async ({ page }) => {
  await setUpTrigger(page, { name: 'Delivered products', event: 'Product Created' })
  await saveAndExit(page)
  const first = await createProductInStore(page, 'Camp Stool')
  const second = await createProductInStore(page, 'Camp Lantern')

  // The simulator's log of deliveries answers once every delivery has reached the trigger.
  await page.evaluate((url) => fetch(url).then((response) => response.json()), `${BIGCOMMERCE_API_URL}/__simulator/deliveries`)

  await reconfigure(page)
  await proceedToTest(page)
  // The newest delivery is the test's result; the earlier one is offered beside it.
  expect(asPayload(await runTestTrigger(page)).data).toEqual({ type: 'product', id: second })
  await expect(testOutput(page)).toContainText('Delivered event')

  const picker = testOutput(page).getByRole('combobox', { name: 'Sample' })
  const earlier = picker.getByRole('option', { name: new RegExp(`^Delivered .+ · Product ${first}$`) })
  await expect(earlier).toHaveCount(1)
  await picker.selectOption({ label: (await earlier.textContent()) ?? '' })
  await expect(testOutput(page)).toContainText('Received')
  expect(asPayload(await testOutputPayload(page)).data).toEqual({ type: 'product', id: first })

  await openTab(page, 'Resource')
  await expect(panel(page, 'Resource').getByText(`GET /v3/catalog/products/${first}`, { exact: true })).toBeVisible()
  await expect(panel(page, 'Resource').getByRole('treeitem', { name: 'name: "Camp Stool"', level: 1, exact: true })).toBeVisible()
  await expectNoSeriousA11yViolations(page)
})
