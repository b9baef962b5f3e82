import type { Page } from '@playwright/test'
import * as z from 'zod/mini'
import { DEMO_BIN_URL } from '../../src/mocks/demo-backend'
import { DEMO_CREDENTIALS, DEMO_STORE_HASH } from '../../src/bigcommerce/simulator/demo-store'
import { binSchema } from '../../src/bigcommerce/simulator/request-bin'
import { signingSecretSchema } from '../../src/contract/action-api'
import { automationSchema, listAutomationsResponseSchema } from '../../src/contract/automations'
import { apiPaths, pathFor } from '../../src/contract/routes'
import { productToBinSteps, SEND_STEP_ID } from '../../src/test/product-to-bin-steps'
import { expect, expectNoSeriousA11yViolations, saveAndExit, setUpTrigger, test } from './wizard-steps'

/**
 * The demo shows the whole path: a product created in the demo store is delivered to the
 * trigger, its action steps fetch the product (Get Product) and send it (HTTP Request) to the
 * store's request bin, and the Demo store panel lists what the bin received. Until Configure
 * Action Step has its screens, the steps are set up through the demo's API, as the UI will.
 */

const demoStore = (page: Page) => page.getByRole('complementary', { name: 'Demo store' })
const requestBin = (page: Page) => demoStore(page).getByRole('region', { name: 'Request bin' })

/** A call to the demo's API from the page, so msw answers it as the app's own calls are answered. */
async function callDemoApi<T>(page: Page, schema: z.ZodMiniType<T>, method: string, path: string, body?: unknown): Promise<T> {
  const reply = await page.evaluate(
    async (call) => {
      const response = await fetch(call.path, {
        method: call.method,
        // JSON even without a body: the API refuses any other type (CSRF).
        headers: call.method === 'GET' ? {} : { 'content-type': 'application/json' },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      })
      return { status: response.status, json: (await response.json()) as unknown }
    },
    { method, path, body },
  )
  expect(reply.status, `${method} ${path}`).toBeLessThan(300)
  return schema.parse(reply.json)
}

/** What the simulated store says about one of its products, asked as BigCommerce would be. */
async function productName(page: Page, id: number): Promise<string> {
  const reply = await page.evaluate(
    async ({ url, token }) => (await fetch(url, { headers: { 'X-Auth-Token': token, Accept: 'application/json' } })).json() as unknown,
    { url: `https://api.bigcommerce.com/stores/${DEMO_STORE_HASH}/v3/catalog/products/${id}`, token: DEMO_CREDENTIALS.accessToken },
  )
  return z.object({ data: z.object({ name: z.string() }) }).parse(reply).data.name
}

/** Action Step → BigCommerce → Get Product, then HTTP → HTTP Request to the bin with the product's name; saved and active. */
async function sendNewProductsToTheBin(page: Page, name: string): Promise<void> {
  const { automations } = await callDemoApi(page, listAutomationsResponseSchema, 'GET', apiPaths.automations)
  const automation = automations.find((candidate) => candidate.name === name)
  if (!automation) throw new Error(`No automation named ${name}`)
  const automationId = automation.id
  const { draft } = automation.trigger
  const steps = productToBinSteps({
    accountId: draft.accountId ?? '',
    url: DEMO_BIN_URL,
    body: '{"product": {{steps.getproduct.name}}, "price": {{steps.getproduct.price}}}',
  })
  await callDemoApi(page, automationSchema, 'PUT', pathFor(apiPaths.triggerDraft, { automationId }), { draft: { ...draft, steps } })
  const signing = await callDemoApi(
    page,
    signingSecretSchema,
    'POST',
    pathFor(apiPaths.signingSecret, { automationId, stepId: SEND_STEP_ID }),
  )
  expect(signing.secret).toMatch(/^whsec_/)
  await callDemoApi(page, z.unknown(), 'POST', pathFor(apiPaths.triggerSave, { automationId }))
  const active = await callDemoApi(page, automationSchema, 'PUT', pathFor(apiPaths.automationActive, { automationId }), { active: true })
  expect(active.active).toBe(true)
}

test('in the demo, a product created in the demo store reaches the request bin through Get Product and an HTTP Request, signed and with its name', async ({
  page,
}) => {
  await setUpTrigger(page, { name: 'New products to the bin', event: 'Product Created' })
  await saveAndExit(page)
  await sendNewProductsToTheBin(page, 'New products to the bin')
  await expect(requestBin(page)).toContainText(`use ${DEMO_BIN_URL} as its URL`)
  await expect(requestBin(page).getByText('Nothing received yet.')).toBeVisible()

  await demoStore(page).getByRole('button', { name: 'Create a product' }).click()
  const created = await demoStore(page).getByRole('status', { name: 'Demo store' }).textContent()
  const productId = Number(/Created product (\d+)/.exec(created ?? '')?.[1])
  const name = await productName(page, productId)

  const received = requestBin(page).getByRole('listitem', { name: 'POST /bin/demo' })
  await expect(received).toHaveCount(1)
  await expect(received).toContainText('answered 200')
  await expect(received).toContainText(/webhook-signature\s*v1,/)
  await expect(received.getByRole('figure')).toContainText(`"product": ${JSON.stringify(name)}`)
  await expect(requestBin(page)).toContainText('Answers 200. Received 1 request.')

  // Exactly once, and what the bin kept is the product Get Product fetched.
  const kept = await page.evaluate(async (url) => (await fetch(url)).json() as unknown, 'https://api.bigcommerce.com/__simulator/bins/demo')
  const { requests } = binSchema.parse(z.object({ bin: z.unknown() }).parse(kept).bin)
  expect(requests).toHaveLength(1)
  expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ product: name, price: expect.any(Number) })
  await expectNoSeriousA11yViolations(page)
})

test('in the demo, the request bin can be made to fail and come back from the Demo store panel', async ({ page }) => {
  await page.goto('/')
  const bin = requestBin(page)
  await bin.getByRole('spinbutton', { name: 'Status to fail with' }).fill('502')
  await bin.getByRole('button', { name: 'Go down' }).click()
  await expect(bin.getByRole('status', { name: 'Request bin' })).toHaveText('demo: Down: answers 502 to every request.')

  const status = await page.evaluate(async (url) => (await fetch(url, { method: 'POST', body: '{}' })).status, DEMO_BIN_URL)
  expect(status).toBe(502)
  await expect(bin.getByRole('listitem', { name: 'POST /bin/demo' })).toContainText('answered 502')

  await bin.getByRole('button', { name: 'Come back' }).click()
  await expect(bin.getByRole('status', { name: 'Request bin' })).toHaveText('demo: Answers 200.')
  await bin.getByRole('button', { name: 'Clear the list' }).click()
  await expect(bin.getByText('Nothing received yet.')).toBeVisible()
})
