// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { webhooksSpec } from '../openapi/bigcommerce-specs'
import { responseSchema, validate } from '../openapi/openapi-checker'
import { DEMO_LIMITED_CREDENTIALS, DEMO_STORE_HASH } from './demo-store'
import { simulatorHarness, type SimulatorHarness } from './simulator-harness'

const NOW = new Date('2025-03-01T12:00:00Z')
const EPOCH = Math.floor(NOW.getTime() / 1000)
const DESTINATION = 'https://hooks.example.test/hooks/bigcommerce/t1'

let harness: SimulatorHarness

beforeEach(() => {
  harness = simulatorHarness({ now: () => NOW })
})
afterEach(() => harness.checked.assertAllConform())

async function createHook(scope: string, destination = DESTINATION): Promise<number> {
  const reply = await harness.api('POST', '/v3/hooks', { body: { scope, destination } })
  return (reply.body as { data: { id: number } }).data.id
}

async function admin(query = '') {
  const reply = await harness.api('GET', `/v3/hooks/admin${query}`)
  expect(reply.status).toBe(200)
  expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks/admin', 'get', 200), reply.body)).toEqual([])
  return (
    reply.body as {
      data: { emails: string[]; hooks_list: { id: number; is_active: boolean; status: string }[]; blocked_domains: unknown[] }
    }
  ).data
}

describe('deactivating a hook, as BigCommerce does after 48 hours of failures', () => {
  it('switches the hook off, stops its deliveries and reports it deactivated in /v3/hooks/admin', async () => {
    const product = await createHook('store/product/created')
    const order = await createHook('store/order/created')
    const deactivated = harness.simulator.deactivateHook(DEMO_STORE_HASH, product)
    expect(deactivated).toMatchObject({ id: product, is_active: false, updated_at: EPOCH })
    expect((await harness.api('GET', `/v3/hooks/${product}`)).body).toMatchObject({ data: { is_active: false } })

    harness.simulator.createProduct(DEMO_STORE_HASH)
    await harness.simulator.settled()
    expect(harness.sent).toEqual([])

    expect((await admin()).hooks_list.map(({ id, is_active, status }) => ({ id, is_active, status }))).toEqual([
      { id: product, is_active: false, status: 'deactivated' },
      { id: order, is_active: true, status: 'active' },
    ])
    expect((await admin('?is_active=false')).hooks_list.map((hook) => hook.id)).toEqual([product])
  })

  it('tells a deactivated hook from one its owner set inactive, until the owner reactivates it', async () => {
    const product = await createHook('store/product/created')
    const paused = await createHook('store/sku/created')
    await harness.api('PUT', `/v3/hooks/${paused}`, { body: { is_active: false } })
    const control = await harness.control('POST', `/stores/${DEMO_STORE_HASH}/hooks/${product}/deactivate`)
    expect(control).toMatchObject({ status: 200, body: { hook: { id: product, is_active: false } } })
    expect((await admin()).hooks_list.map((hook) => hook.status)).toEqual(['deactivated', 'inactive'])

    await harness.api('PUT', `/v3/hooks/${product}`, { body: { is_active: true } })
    expect((await admin()).hooks_list.map((hook) => hook.status)).toEqual(['active', 'inactive'])
    harness.simulator.createProduct(DEMO_STORE_HASH)
    await harness.simulator.settled()
    expect(harness.sent).toHaveLength(1)
  })

  it('answers 404 over HTTP for a hook the store does not have', async () => {
    expect(await harness.control('POST', `/stores/${DEMO_STORE_HASH}/hooks/999/deactivate`)).toMatchObject({
      status: 404,
      body: { error: 'Webhook with id [999] not found' },
    })
    expect((await harness.control('POST', '/stores/nostore/hooks/1/deactivate')).status).toBe(404)
  })
})

describe('blocklisting a domain', () => {
  it("reports the API account's blocked domains in /v3/hooks/admin with the time left, then drops them when it is up", async () => {
    let clock = NOW.getTime()
    harness = simulatorHarness({ now: () => new Date(clock) })
    await createHook('store/product/created')
    const blocked = await harness.control('POST', `/stores/${DEMO_STORE_HASH}/blocked-domains`, {
      domain: 'https://Hooks.Example.test/anything',
      reason: 'Timeout',
    })
    expect(blocked).toMatchObject({
      status: 201,
      body: { blocked: [{ domain: 'hooks.example.test', until: EPOCH + 180 }, { domain: 'hooks.example.test' }] },
    })

    clock += 30_000
    expect((await admin()).blocked_domains).toEqual([
      {
        destination: 'https://hooks.example.test',
        time_left: 150,
        reasons: [{ failure_description: 'Timeout', count: 1, timestamp: EPOCH }],
      },
    ])
    // Blocklisting is per API account: the other account sees its own block.
    expect((await harness.api('GET', '/v3/hooks/admin', { token: DEMO_LIMITED_CREDENTIALS.accessToken })).body).toMatchObject({
      data: { hooks_list: [], blocked_domains: [{ destination: 'https://hooks.example.test' }] },
    })
    clock += 150_000
    expect((await admin()).blocked_domains).toEqual([])
  })

  it('refuses a block without a domain', async () => {
    const refused = await harness.control('POST', `/stores/${DEMO_STORE_HASH}/blocked-domains`, { seconds: 10 })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ error: expect.stringContaining('domain') })
  })
})

describe('notification emails', () => {
  it('keeps the emails PUT /v3/hooks/admin sets, per API account, and refuses ones that are not addresses', async () => {
    expect(await admin()).toMatchObject({ emails: [], hooks_list: [], blocked_domains: [] })
    expect((await harness.api('PUT', '/v3/hooks/admin', { body: { emails: ['ops@example.com'] } })).status).toBe(204)
    expect((await admin()).emails).toEqual(['ops@example.com'])
    expect((await harness.api('GET', '/v3/hooks/admin', { token: DEMO_LIMITED_CREDENTIALS.accessToken })).body).toMatchObject({
      data: { emails: [] },
    })
    const refused = await harness.api('PUT', '/v3/hooks/admin', { body: { emails: ['not an address'] } })
    expect(refused).toMatchObject({ status: 422, body: { errors: { 'emails.0': expect.any(String) } } })
  })
})
