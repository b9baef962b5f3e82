import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { Webhook } from 'standardwebhooks'
import { DEMO_CREDENTIALS, DEMO_FULL_ACCOUNT } from '../../src/bigcommerce/simulator/demo-store'
import type { TriggerDelivery } from '../../src/contract/deliveries'
import { accountCard, accountDetail, summaryItem } from '../demo/wizard-steps'
import { expect, test } from './fixtures'
import { createProduct, listDeliveries, setSimulatorClock } from './simulator-api'
import { fetchAutomation, savedSummary, saveNewTrigger } from './steps'

/**
 * With the API account's Client Secret, the receiver checks the Standard Webhooks signature
 * BigCommerce (here the simulator) puts on every delivery: a good one is stored, a forged or
 * stale one is refused with 401 and not stored.
 */

const CLIENT_SECRET = DEMO_FULL_ACCOUNT.clientSecret ?? ''

test('with the Client Secret, a signed delivery is stored, and a forged or stale one is refused with 401 and not stored', async ({
  page,
  request,
  stack,
}) => {
  const bodies: Promise<string>[] = []
  page.on('response', (response) => void bodies.push(response.text().catch(() => '')))

  const automationId = await saveNewTrigger(page, {
    name: 'Signed',
    event: 'Product Created',
    credentials: { ...DEMO_CREDENTIALS, clientSecret: CLIENT_SECRET },
  })
  await expect(summaryItem(page, 'Account')).toContainText('Signature checked')
  const { trigger } = await fetchAutomation(request, automationId)
  const hookUrl = `/hooks/bigcommerce/${trigger.id}`
  const storedIds = async () => {
    const response = await request.get(`/api/automations/${automationId}/trigger/deliveries`)
    const { deliveries } = (await response.json()) as { deliveries: TriggerDelivery[] }
    return deliveries.map((delivery) => delivery.payload.data.id)
  }

  // BigCommerce's own, signed a moment ago with the Client Secret: stored.
  const product = await createProduct(stack.simulatorUrl, 'Signed and sealed')
  const signed = (await listDeliveries(stack.simulatorUrl)).at(-1)
  if (!signed) throw new Error('The simulator sent nothing')
  expect(signed).toMatchObject({ status: 200, headers: { 'webhook-signature': expect.stringMatching(/^v1,/) } })
  expect(await storedIds()).toEqual([product.id])

  // Forged: the signature and secret header of that delivery over a body naming another product
  // (with a new hash, so it would be stored if the signature were not checked).
  const forgedBody = signed.body
    .replace(`"id":${product.id}`, '"id":424242')
    .replace(/"hash":"[0-9a-f]+"/, `"hash":"${'c0ffee'.padEnd(40, '0')}"`)
  expect(forgedBody).not.toBe(signed.body)
  const forged = await request.post(hookUrl, { headers: signed.headers, data: forgedBody })
  expect(forged.status()).toBe(401)
  expect(await forged.json()).toEqual({
    error: { code: 'unauthorized', message: 'The webhook-signature does not match this body and the account’s Client Secret.' },
  })
  // Signed afresh, but with a key that is not the account's.
  const at = new Date()
  const wrongKey = await request.post(hookUrl, {
    headers: {
      ...signed.headers,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(btoa('not-the-client-secret')).sign(signed.headers['webhook-id'] ?? '', at, forgedBody),
    },
    data: forgedBody,
  })
  expect(wrongKey.status()).toBe(401)

  // Stale: BigCommerce's clock ten minutes behind, so its signature is older than the 5 allowed.
  await setSimulatorClock(stack.simulatorUrl, -600)
  await createProduct(stack.simulatorUrl, 'Signed too long ago')
  const stale = (await listDeliveries(stack.simulatorUrl)).at(-1)
  expect(stale).toMatchObject({ status: 401, headers: { 'webhook-signature': expect.stringMatching(/^v1,/) } })
  await setSimulatorClock(stack.simulatorUrl, 0)

  expect(await storedIds()).toEqual([product.id])
  await savedSummary(page).getByRole('button', { name: 'Check now' }).click()
  await expect(summaryItem(page, 'Last 24 hours')).toHaveText('1 delivery')

  await page.getByRole('link', { name: 'Accounts' }).click()
  await expect(accountDetail(accountCard(page, 'Demo Store'), 'Signatures')).toHaveText('Checked with the Client Secret')

  // The secret went to the server once: no answer, log line or database file holds it as typed.
  for (const body of await Promise.all(bodies)) expect(body).not.toContain(CLIENT_SECRET)
  expect(stack.serverLog()).not.toContain(CLIENT_SECRET)
  for (const file of await readdir(stack.dataDir)) {
    expect((await readFile(path.join(stack.dataDir, file))).includes(CLIENT_SECRET), `the Client Secret in ${file}`).toBe(false)
  }
})
