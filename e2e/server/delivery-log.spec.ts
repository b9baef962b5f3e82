import type { Page } from '@playwright/test'
import {
  expectNoSeriousA11yViolations,
  openTriggerPage,
  openTriggerTab,
  proceedToTest,
  reconfigure,
  testOutput,
  testOutputPayload,
} from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { createProduct, listDeliveries } from './simulator-api'
import { automationIdOf, fetchAutomation, saveNewTrigger } from './steps'

const START = new Date('2026-03-02T09:00:00.000Z')

const listenButton = (page: Page) => page.getByRole('button', { name: 'Listen for an event' })
const listenStatus = (page: Page) => page.getByRole('status').filter({ hasText: /listen|event arrived/i })

/** The server's log lines about listen streams, parsed. */
function listenLog(serverLog: string): Record<string, unknown>[] {
  return serverLog
    .split('\n')
    .filter((line) => line.includes('"msg":"listen stream'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

/** A saved Product Created trigger, on its Test Trigger step. */
async function onTestStep(page: Page, name: string): Promise<string> {
  const automationId = await saveNewTrigger(page, { name, event: 'Product Created' })
  await reconfigure(page)
  await proceedToTest(page)
  return automationId
}

test('a user listens for an event, creates a product on the simulator’s page, and sees it arrive without a reload', async ({
  page,
  context,
  stack,
}) => {
  await page.clock.install({ time: START })
  const automationId = await onTestStep(page, 'Listen for products')
  // From here the page's clock moves only when the test says.
  await page.clock.pauseAt(new Date(START.getTime() + 60 * 60_000))

  await listenButton(page).click()
  await expect(listenStatus(page)).toHaveText('Listening for Product Created. Create a product in Demo Store now.')
  const countdown = page.getByRole('timer')
  await expect(countdown).toHaveText('2:00')
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.clock.runFor(61_000)
  await expect(countdown).toHaveText('0:59')

  // Another tab: the simulated store's own page, where a merchant makes something happen.
  const store = await context.newPage()
  await store.goto(stack.simulatorUrl)
  await store.getByRole('button', { name: 'Create a product' }).first().click()
  const created = await store.getByRole('status').textContent()
  const productId = Number(/Created product (\d+)/.exec(created ?? '')?.[1])
  expect(productId).toBeGreaterThan(0)
  await store.close()

  await expect(listenStatus(page)).toHaveText(`A Product Created event arrived: product ${productId}. It is shown in the output.`)
  await expect(testOutput(page)).toContainText('Arrived while listening')
  expect(await testOutputPayload(page)).toMatchObject({ scope: 'store/product/created', data: { type: 'product', id: productId } })
  await expect(page.getByRole('timer')).toHaveCount(0)
  expect(automationIdOf(page)).toBe(automationId)

  // The server sent the delivery and closed the stream itself.
  await expect
    .poll(() => listenLog(stack.serverLog()).at(-1))
    .toMatchObject({ msg: 'listen stream closed', reason: 'delivered', openStreams: 0 })
  // axe waits on timers of its own.
  await page.clock.resume()
  await expectNoSeriousA11yViolations(page)
})

test('Cancel stops listening, and the server closes the stream', async ({ page, stack }) => {
  await onTestStep(page, 'Cancelled listen')
  await listenButton(page).click()
  await expect(listenStatus(page)).toContainText('Listening for Product Created.')
  await expect.poll(() => listenLog(stack.serverLog()).at(-1)).toMatchObject({ msg: 'listen stream opened', openStreams: 1 })

  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Stopped listening.' })).toBeVisible()
  await expect(listenButton(page)).toBeFocused()
  // The browser's abort reached the server: it stopped listening and says none is left open.
  await expect
    .poll(() => listenLog(stack.serverLog()).at(-1))
    .toMatchObject({ msg: 'listen stream closed', reason: 'client_closed', openStreams: 0 })

  // A product created now is stored as ever, but nothing on the page was waiting for it.
  await createProduct(stack.simulatorUrl, 'After the cancel')
  expect((await listDeliveries(stack.simulatorUrl)).map((attempt) => attempt.status)).toEqual([200])
  await expect(testOutput(page)).toHaveCount(0)
})

test('the delivery log pages through every delivery, filters, compares, shows the fields, and replays one', async ({
  page,
  request,
  stack,
}) => {
  const automationId = await saveNewTrigger(page, { name: 'Logged products', event: 'Product Created' })
  const products: number[] = []
  for (let index = 1; index <= 27; index += 1) products.push((await createProduct(stack.simulatorUrl, `Logged product ${index}`)).id)
  // BigCommerce sends one of them again (its retry after a lost answer): counted, not stored twice.
  const attempts = await listDeliveries(stack.simulatorUrl)
  const first = attempts[0]
  if (!first) throw new Error('no delivery')
  const again = await request.post(new URL(first.url).pathname, { data: first.body, headers: first.headers })
  expect(await again.json()).toEqual({ status: 'duplicate' })
  const { trigger } = await fetchAutomation(request, automationId)
  expect(first.url).toContain(trigger.id)

  await openTriggerPage(page)
  const table = page.getByRole('table', { name: 'Deliveries, newest first' })
  const rows = table.getByRole('row').filter({ has: page.getByRole('cell') })
  await expect(rows).toHaveCount(25)
  await expect(rows.first()).toContainText(`Product ${products.at(-1)}`)
  await expect(page.getByRole('status').filter({ hasText: '25 deliveries; more are older.' })).toBeVisible()
  await page.getByRole('button', { name: 'Load older deliveries' }).click()
  await expect(rows).toHaveCount(27)
  await expect(rows.last()).toContainText(`Product ${products[0]}`)
  await expect(rows.last()).toContainText('1 time')
  await expect(rows.last()).toContainText('Secret header')
  await expect(page.getByRole('button', { name: 'Load older deliveries' })).toHaveCount(0)

  // The two newest differ in the product, its hash and its time, and in nothing else.
  const compare = await openTriggerTab(page, 'Compare deliveries')
  await expect(compare).toContainText('Over the 27 deliveries listed in Deliveries.')
  const diff = compare.getByRole('table')
  // created_at is in seconds: two products made within one second share it.
  await expect(diff).toHaveAccessibleName(/^[23] changed, 0 added, 0 removed; [45] values the same\.$/)
  const paths = await diff.getByRole('rowheader').allTextContents()
  expect(paths.filter((path) => path !== 'created_at')).toEqual(['data.id', 'hash'])
  await expect(diff.getByRole('row', { name: new RegExp(`^data\\.id Changed ${products.at(-1)} ${products.at(-2)}$`) })).toBeVisible()
  // Their records, fetched from the store as the action would, differ in more.
  await compare.getByRole('radio', { name: 'Record from the store' }).check()
  await expect(
    compare.getByRole('table').getByRole('row', { name: /^name Changed "Logged product 27" "Logged product 26"$/ }),
  ).toBeVisible()

  const fields = (await openTriggerTab(page, 'Fields across deliveries')).getByRole('table')
  await expect(fields).toHaveAccessibleName(/^Each field of the last 27 deliveries/)
  await expect(fields.getByRole('rowheader')).toHaveText([
    'scope',
    'store_id',
    'data',
    'data.type',
    'data.id',
    'hash',
    'created_at',
    'producer',
  ])
  await expect(fields.getByRole('row', { name: 'data.id 27 of 27 number' })).toBeVisible()
  await expectNoSeriousA11yViolations(page)

  // Search inside payloads.
  await openTriggerTab(page, 'Deliveries')
  const filters = page.getByRole('form', { name: 'Filter deliveries' })
  await filters.getByRole('searchbox', { name: 'Search in payloads' }).fill(`"id":${products[4]}`)
  await filters.getByRole('button', { name: 'Filter' }).click()
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(`Product ${products[4]}`)

  // Open it in the viewer, payload and record, at an address of its own.
  await rows
    .first()
    .getByRole('button', { name: /^Open / })
    .click()
  const viewer = page.getByRole('region', { name: `Delivery · Product ${products[4]}` })
  await expect(viewer.getByRole('heading', { level: 3 })).toBeFocused()
  await viewer.getByRole('tab', { name: 'Resource' }).click()
  await expect(viewer.getByRole('treeitem', { name: 'name: "Logged product 5"', level: 1, exact: true })).toBeVisible()
  expect(new URL(page.url()).searchParams.get('delivery')).toMatch(/./)

  // Replay it into Test Trigger's output, marked as a replay.
  await rows
    .first()
    .getByRole('link', { name: /^Replay in Test Trigger/ })
    .click()
  await expect(page.getByRole('heading', { name: 'Test Trigger', level: 2 })).toBeVisible()
  await expect(testOutput(page)).toContainText('Replay')
  await expect(testOutput(page)).toContainText('A replay of a stored delivery')
  expect(await testOutputPayload(page)).toMatchObject({ data: { type: 'product', id: products[4] } })
  await expectNoSeriousA11yViolations(page)
})
