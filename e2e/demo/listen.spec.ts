import type { Page } from '@playwright/test'
import {
  expect,
  expectNoSeriousA11yViolations,
  openTriggerPage,
  openTriggerTab,
  proceedToTest,
  reconfigure,
  saveAndExit,
  setUpTrigger,
  test,
  testOutput,
  testOutputPayload,
} from './wizard-steps'

const demoStore = (page: Page) => page.getByRole('complementary', { name: 'Demo store' })
/** What the panel's buttons did (its request bin says what it did apart). */
const demoStoreStatus = (page: Page) => demoStore(page).getByRole('status', { name: 'Demo store' })

/** A saved Product Created trigger of the demo, back on its Test Trigger step. */
async function savedOnTestStep(page: Page, name: string) {
  await setUpTrigger(page, { name, event: 'Product Created' })
  await saveAndExit(page)
  await reconfigure(page)
  await proceedToTest(page)
}

test('in the demo, a product created in the demo store arrives while Test Trigger listens, streamed through msw', async ({ page }) => {
  await savedOnTestStep(page, 'Demo listen')
  await page.getByRole('button', { name: 'Listen for an event' }).click()
  await expect(page.getByText('Listening for Product Created. Create a product in Demo Store now.')).toBeVisible()

  await demoStore(page).getByRole('button', { name: 'Create a product' }).click()
  const created = await demoStoreStatus(page).textContent()
  const productId = Number(/Created product (\d+)/.exec(created ?? '')?.[1])
  await expect(page.getByText(`A Product Created event arrived: product ${productId}. It is shown in the output.`)).toBeVisible()
  await expect(testOutput(page)).toContainText('Arrived while listening')
  expect(await testOutputPayload(page)).toMatchObject({ data: { type: 'product', id: productId } })
  await expectNoSeriousA11yViolations(page)
})

test('in the demo, Cancel stops listening: a product created afterwards is not shown as arrived', async ({ page }) => {
  await savedOnTestStep(page, 'Demo cancel')
  await page.getByRole('button', { name: 'Listen for an event' }).click()
  await expect(page.getByRole('timer')).toBeVisible()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByText('Stopped listening.')).toBeVisible()
  await demoStore(page).getByRole('button', { name: 'Create a product' }).click()
  await expect(demoStoreStatus(page)).toContainText('Created product')
  // Test Trigger shows it as delivered; nothing claims it arrived while listening.
  await page.getByRole('button', { name: 'Test Trigger', exact: true }).click()
  await expect(testOutput(page)).toContainText('Delivered event')
  await expect(testOutput(page)).not.toContainText('Arrived while listening')
})

/** Creates a product in the demo store and answers its id, as the panel reports it. */
async function createDemoProduct(page: Page): Promise<number> {
  await demoStore(page).getByRole('button', { name: 'Create a product' }).click()
  await expect(demoStoreStatus(page)).toContainText('Created product')
  return Number(/Created product (\d+)/.exec((await demoStoreStatus(page).textContent()) ?? '')?.[1])
}

test('a user listens straight from the saved trigger’s summary, with none of the wizard’s buttons around it', async ({ page }) => {
  await setUpTrigger(page, { name: 'Listen from the summary', event: 'Product Created' })
  await saveAndExit(page)
  const summary = page.getByRole('region', { name: 'Trigger', exact: true })
  await summary.getByRole('button', { name: 'Listen for an event' }).click()
  const panel = summary.getByRole('region', { name: 'Listen for an event' })
  await expect(panel.getByRole('status')).toHaveText('Listening for Product Created. Create a product in Demo Store now.')
  await expect(page.getByRole('button', { name: 'Save and Exit' })).toHaveCount(0)
  await expectNoSeriousA11yViolations(page)

  const productId = await createDemoProduct(page)
  await expect(summary.getByText(`A Product Created event arrived: product ${productId}. It is shown in the output below.`)).toBeVisible()
  await expect(testOutput(page)).toContainText('Arrived while listening')
  expect(await testOutputPayload(page)).toMatchObject({ data: { type: 'product', id: productId } })
  await expectNoSeriousA11yViolations(page)
})

test('a user listens from the trigger’s page, and what arrives opens in the delivery viewer', async ({ page }) => {
  await setUpTrigger(page, { name: 'Listen from the page', event: 'Product Created' })
  await saveAndExit(page)
  await openTriggerPage(page)
  const log = await openTriggerTab(page, 'Deliveries')
  await log.getByRole('button', { name: 'Listen for an event' }).click()
  await expect(log.getByText('Listening for Product Created. Create a product in Demo Store now.')).toBeVisible()

  const productId = await createDemoProduct(page)
  await expect(log.getByText(`A Product Created event arrived: product ${productId}. It is open in the viewer.`)).toBeVisible()
  const viewer = page.getByRole('region', { name: `Delivery · Product ${productId}` })
  await expect(viewer.getByRole('heading', { level: 3 })).toBeFocused()
  expect(new URL(page.url()).searchParams.get('delivery')).toMatch(/./)
  await expect(log.getByRole('table', { name: 'Deliveries, newest first' })).toContainText(`Product ${productId}`)
})
