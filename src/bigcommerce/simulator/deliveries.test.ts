// @vitest-environment node
import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEMO_FULL_ACCOUNT, DEMO_STORE, DEMO_STORE_HASH } from './demo-store'
import { simulatorHarness, type SimulatorHarness } from './simulator-harness'

const NOW = new Date('2025-03-01T12:00:00Z')
const DESTINATION = 'https://hooks.example.test/hooks/bigcommerce/t1'

let harness: SimulatorHarness | undefined

afterEach(() => {
  harness?.checked.assertAllConform()
  vi.useRealTimers()
})

async function productDelivery(options: Parameters<typeof simulatorHarness>[0] = {}) {
  harness = simulatorHarness({ now: () => NOW, randomId: () => 'msg_2fmJ8q', ...options })
  await harness.api('POST', '/v3/hooks', { body: { scope: 'store/product/created', destination: DESTINATION } })
  harness.simulator.createProduct(DEMO_STORE_HASH, { name: 'Signed' })
  await harness.simulator.settled()
  const [delivery] = harness.sent
  if (!delivery) throw new Error('nothing was delivered')
  return { headers: delivery.init.headers as Record<string, string>, body: String(delivery.init.body) }
}

describe('signed deliveries (Standard Webhooks, docs/bigcommerce-api-notes.md §3.5)', () => {
  it("signs {id}.{timestamp}.{body} with HMAC-SHA256 keyed by the API account's client secret", async () => {
    const { headers, body } = await productDelivery()
    const timestamp = String(Math.floor(NOW.getTime() / 1000))
    expect(headers).toMatchObject({ 'webhook-id': 'msg_2fmJ8q', 'webhook-timestamp': timestamp })
    const expected = createHmac('sha256', DEMO_FULL_ACCOUNT.clientSecret ?? '')
      .update(`msg_2fmJ8q.${timestamp}.${body}`)
      .digest('base64')
    expect(headers['webhook-signature']).toBe(`v1,${expected}`)
  })

  it("verifies with the official library the way BigCommerce's sample does, and fails with another secret", async () => {
    const { headers, body } = await productDelivery()
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
    const verifier = (secret: string) => new Webhook(Buffer.from(secret).toString('base64'))
    expect(verifier(DEMO_FULL_ACCOUNT.clientSecret ?? '').verify(body, headers)).toMatchObject({ scope: 'store/product/created' })
    expect(() => verifier('another-secret').verify(body, headers)).toThrow(/signature/i)
  })

  it('signs with its own clock, which a test can set behind to send a stale signature', async () => {
    harness = simulatorHarness({ now: () => NOW, randomId: () => 'msg_late' })
    const response = await harness.simulator.app.request('/__simulator/clock', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offsetSeconds: -600 }),
    })
    expect(response.status).toBe(204)
    await harness.api('POST', '/v3/hooks', { body: { scope: 'store/product/created', destination: DESTINATION } })
    harness.simulator.createProduct(DEMO_STORE_HASH)
    await harness.simulator.settled()
    const headers = harness.sent[0]?.init.headers as Record<string, string>
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(NOW.getTime() / 1000) - 600))
    // A reset puts the clock back.
    harness.simulator.reset()
    harness.simulator.createProduct(DEMO_STORE_HASH)
    expect(harness.simulator.store(DEMO_STORE_HASH)?.products.at(-1)?.['date_created']).toBe('2025-03-01T12:00:00+00:00')
  })

  it('sends no signature headers for an API account without a client secret', async () => {
    const { clientSecret: _secret, ...unsigned } = DEMO_FULL_ACCOUNT
    const store = { ...DEMO_STORE, accounts: [unsigned] }
    const { headers } = await productDelivery({ stores: [store] })
    expect(Object.keys(headers).sort()).toEqual(['Content-Type'])
  })
})

describe('blocklisted domains (docs/bigcommerce-api-notes.md §3.4)', () => {
  it('holds deliveries to a blocked domain and sends them when the block is lifted', async () => {
    harness = simulatorHarness({ now: () => NOW })
    const { api, simulator, control } = harness
    await api('POST', '/v3/hooks', { body: { scope: 'store/product/created', destination: DESTINATION } })
    await api('POST', '/v3/hooks', { body: { scope: 'store/product/created', destination: 'https://elsewhere.example.test/hooks/x' } })
    expect((await control('POST', `/stores/${DEMO_STORE_HASH}/blocked-domains`, { domain: 'hooks.example.test' })).status).toBe(201)
    simulator.createProduct(DEMO_STORE_HASH, { name: 'Held' })
    await simulator.settled()
    expect(harness.sent.map((entry) => entry.url)).toEqual(['https://elsewhere.example.test/hooks/x'])

    expect((await control('DELETE', `/stores/${DEMO_STORE_HASH}/blocked-domains/hooks.example.test`)).status).toBe(204)
    await simulator.settled()
    expect(harness.sent.map((entry) => entry.url)).toEqual(['https://elsewhere.example.test/hooks/x', DESTINATION])
    expect(harness.deliveredBodies().map((body) => body['data'])).toEqual([
      { type: 'product', id: 104 },
      { type: 'product', id: 104 },
    ])
  })

  it('lifts a block when its time is up, sending what it held before newer events', async () => {
    let clock = NOW.getTime()
    harness = simulatorHarness({ now: () => new Date(clock) })
    const { api, simulator } = harness
    await api('POST', '/v3/hooks', { body: { scope: 'store/customer/created', destination: DESTINATION } })
    simulator.blockDomain(DEMO_STORE_HASH, { domain: DESTINATION, seconds: 60 })
    simulator.createCustomer(DEMO_STORE_HASH)
    clock += 59_000
    simulator.createCustomer(DEMO_STORE_HASH)
    await simulator.settled()
    expect(harness.sent).toEqual([])
    clock += 1_000
    simulator.createCustomer(DEMO_STORE_HASH)
    await simulator.settled()
    expect(harness.deliveredBodies().map((body) => body['data'])).toEqual([
      { type: 'customer', id: 4 },
      { type: 'customer', id: 5 },
      { type: 'customer', id: 6 },
    ])
  })

  it("blocks only the given API account's hooks when a client id is named", async () => {
    harness = simulatorHarness({ now: () => NOW })
    const { simulator } = harness
    await harness.api('POST', '/v3/hooks', { body: { scope: 'store/product/created', destination: DESTINATION } })
    simulator.blockDomain(DEMO_STORE_HASH, { domain: 'hooks.example.test', clientId: 'z1x2c3v4b5n6m7l8k9j0h1g2f3d4s5a' })
    simulator.createProduct(DEMO_STORE_HASH)
    await simulator.settled()
    expect(harness.sent).toHaveLength(1)
    expect(() => simulator.blockDomain(DEMO_STORE_HASH, { domain: 'hooks.example.test', clientId: 'nobody' })).toThrow(/no API account/)
  })
})
