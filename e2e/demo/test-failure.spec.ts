import { DEMO_CREDENTIALS, DEMO_LIMITED_CREDENTIALS } from '../../src/bigcommerce/simulator/demo-store'
import {
  expect,
  interceptApiInPage,
  runTestTrigger,
  saveAndExit,
  setUpTrigger,
  summaryItem,
  test,
  testOutput,
  testOutputPayload,
  testTriggerButton,
} from './wizard-steps'

test('a user whose test fails is told why, and Retry runs it again', async ({ page }) => {
  const api = await interceptApiInPage(page)
  await setUpTrigger(page, { name: 'Flaky store', event: 'Order Created' })

  await api.failNext({
    method: 'POST',
    path: '^/api/automations/[^/]+/trigger/test$',
    status: 502,
    body: { error: { code: 'upstream_error', message: 'BigCommerce could not be reached.' } },
  })
  await testTriggerButton(page).click()
  const failure = page.getByRole('alert').filter({ hasText: 'The test failed' })
  await expect(failure).toHaveText('The test failed: BigCommerce could not be reached.')
  await expect(testOutput(page)).toBeHidden()

  // The failure was armed once: Retry reaches the store.
  await page.getByRole('button', { name: 'Retry' }).click()
  const payload = await testOutputPayload(page)
  expect(payload).toMatchObject({ scope: 'store/order/created', producer: `stores/${DEMO_CREDENTIALS.storeHash}` })
  await expect(failure).toBeHidden()
  await expect(page.getByRole('button', { name: 'Retry' })).toBeHidden()

  await saveAndExit(page)
  await expect(summaryItem(page, 'Event')).toContainText('Order Created')
})

test('a user whose token lacks a read scope still gets the documented sample to test with', async ({ page }) => {
  await setUpTrigger(page, { name: 'Limited token', event: 'Product Created', credentials: DEMO_LIMITED_CREDENTIALS })
  const payload = await runTestTrigger(page)
  expect(payload).toMatchObject({ scope: 'store/product/created', producer: `stores/${DEMO_CREDENTIALS.storeHash}` })
  await expect(testOutput(page)).toContainText('Documented sample')
})
