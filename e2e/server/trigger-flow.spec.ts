import {
  accountField,
  addCustomHeader,
  chooseBigCommerceTrigger,
  chosenOption,
  configureEvent,
  createAutomation,
  DEMO_ACCOUNT_LABEL,
  DEMO_ACCOUNT_OPTION,
  eventField,
  expectNoSeriousA11yViolations,
  headerValue,
  proceedToTest,
  reconfigure,
  saveAndExit,
  showOptionalFields,
  testOutputPayload,
} from '../demo/wizard-steps'
import { PUBLIC_URL, expect, test } from './fixtures'
import { createProduct, DEMO_STORE_HASH, listDeliveries, listHooks } from './simulator-api'
import { automationIdOf, fetchAutomation, savedSummary, saveNewTrigger, testTrigger } from './steps'

const TEAM_HEADER = { name: 'X-Team', value: 'catalog' }

test('a saved Product Created trigger receives the product created in the store, with its custom header', async ({
  page,
  request,
  stack,
}) => {
  await createAutomation(page, 'New products to Slack')
  const automationId = automationIdOf(page)
  await chooseBigCommerceTrigger(page)
  await configureEvent(page, 'Product Created')
  await showOptionalFields(page)
  await addCustomHeader(page, 1, TEAM_HEADER)
  await proceedToTest(page)

  // Nothing delivered yet: the test builds the payload from the store's newest product.
  let output = await testTrigger(page)
  await expect(output).toContainText('Live sample from your store')
  expect(await testOutputPayload(page)).toMatchObject({ scope: 'store/product/created', producer: `stores/${DEMO_STORE_HASH}` })

  await saveAndExit(page)
  const summary = savedSummary(page)
  await expect(summary).toContainText('Registered with BigCommerce')
  await expect(summary).toContainText('Product Created')
  await expect(summary).toContainText(DEMO_ACCOUNT_LABEL)
  await expect(summary).toContainText('X-Team: catalog')

  // BigCommerce now holds one hook for the trigger's public address, with both headers.
  const { trigger } = await fetchAutomation(request, automationId)
  const hooks = await listHooks(stack.simulatorUrl)
  expect(hooks).toHaveLength(1)
  const [hook] = hooks
  expect(hook).toMatchObject({
    scope: 'store/product/created',
    destination: `${PUBLIC_URL}/hooks/bigcommerce/${trigger.id}`,
    is_active: true,
  })
  const secret = hook?.headers?.['X-Trigger-Secret']
  expect(secret).toMatch(/^[0-9a-f]{64}$/)
  expect(hook?.headers).toEqual({ 'X-Team': 'catalog', 'X-Trigger-Secret': secret })

  // A merchant creates a product; BigCommerce delivers it to the server through the "tunnel".
  const product = await createProduct(stack.simulatorUrl, 'Waxed Canvas Tote')
  const deliveries = await listDeliveries(stack.simulatorUrl)
  expect(deliveries).toHaveLength(1)
  const [delivery] = deliveries
  expect(delivery).toMatchObject({ scope: 'store/product/created', url: `${stack.baseURL}/hooks/bigcommerce/${trigger.id}`, status: 200 })
  expect(delivery?.headers).toMatchObject({ 'X-Team': 'catalog', 'X-Trigger-Secret': secret })

  await reconfigure(page)
  await proceedToTest(page)
  output = await testTrigger(page)
  await expect(output).toContainText('Delivered event')
  expect(await testOutputPayload(page)).toMatchObject({
    scope: 'store/product/created',
    producer: `stores/${DEMO_STORE_HASH}`,
    data: { type: 'product', id: product.id },
  })
  // The production build, under the server's Content-Security-Policy, is as accessible as the demo.
  await expectNoSeriousA11yViolations(page)
})

test('a server restart keeps every account, trigger and delivered event', async ({ page, stack }) => {
  await saveNewTrigger(page, { name: 'Catalog sync', event: 'Product Created', headers: [TEAM_HEADER] })
  const before = await createProduct(stack.simulatorUrl, 'Before the restart')
  expect((await listDeliveries(stack.simulatorUrl)).map((delivery) => delivery.status)).toEqual([200])

  await stack.restartServer()
  await page.reload()

  const summary = savedSummary(page)
  await expect(summary).toContainText('Registered with BigCommerce')
  await expect(summary).toContainText('Product Created')
  await expect(summary).toContainText('X-Team: catalog')
  await expect(summary).toContainText(DEMO_ACCOUNT_LABEL)

  await reconfigure(page)
  await expect(chosenOption(accountField(page))).toHaveText(DEMO_ACCOUNT_OPTION)
  await expect(chosenOption(eventField(page))).toHaveText('Product Created')
  await expect(headerValue(page, 1)).toHaveValue('catalog')
  await proceedToTest(page)
  const output = await testTrigger(page)
  await expect(output).toContainText('Delivered event')
  expect((await testOutputPayload(page))['data']).toEqual({ type: 'product', id: before.id })

  // The restarted server still knows the trigger's secret: a new delivery is accepted and shown.
  const after = await createProduct(stack.simulatorUrl, 'After the restart')
  expect((await listDeliveries(stack.simulatorUrl)).map((delivery) => delivery.status)).toEqual([200, 200])
  await testTrigger(page)
  await expect(output).toContainText('Delivered event')
  expect((await testOutputPayload(page))['data']).toEqual({ type: 'product', id: after.id })
})
