import { proceedToTest, reconfigure, testOutputPayload } from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { DEMO_STORE_HASH, listHooks } from './simulator-api'
import { fetchAutomation, saveNewTrigger, testTrigger } from './steps'

test('a delivery with a wrong or missing X-Trigger-Secret is refused with 401 and not stored', async ({ page, request, stack }) => {
  const automationId = await saveNewTrigger(page, { name: 'Guarded', event: 'Product Created' })
  const { trigger } = await fetchAutomation(request, automationId)
  const hookUrl = `/hooks/bigcommerce/${trigger.id}`
  // A well-formed delivery from the right store, for a product id nothing else produces.
  const delivery = {
    scope: 'store/product/created',
    store_id: '1001234567',
    data: { type: 'product', id: 424242 },
    hash: 'c0ffee0000000000000000000000000000424242',
    created_at: Math.floor(Date.now() / 1000),
    producer: `stores/${DEMO_STORE_HASH}`,
  }

  const refused: Record<string, string>[] = [{ 'X-Trigger-Secret': 'f'.repeat(64) }, { 'X-Trigger-Secret': '' }, {}]
  for (const headers of refused) {
    const response = await request.post(hookUrl, { data: delivery, headers })
    expect(response.status(), JSON.stringify(headers)).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
  }

  const stored = await request.get(`/api/automations/${automationId}/trigger/deliveries`)
  expect(await stored.json()).toEqual({ deliveries: [], nextCursor: null })
  await reconfigure(page)
  await proceedToTest(page)
  const output = await testTrigger(page)
  await expect(output).toContainText('Live sample from your store')
  expect((await testOutputPayload(page))['data']).not.toMatchObject({ id: 424242 })

  // The same delivery with the secret BigCommerce holds is taken, which shows why the others were not.
  const secret = (await listHooks(stack.simulatorUrl))[0]?.headers?.['X-Trigger-Secret'] ?? ''
  const accepted = await request.post(hookUrl, { data: delivery, headers: { 'X-Trigger-Secret': secret } })
  expect(accepted.status()).toBe(200)
  expect(await accepted.json()).toEqual({ status: 'stored' })
  await testTrigger(page)
  await expect(output).toContainText('Delivered event')
  expect((await testOutputPayload(page))['data']).toEqual({ type: 'product', id: 424242 })
})
