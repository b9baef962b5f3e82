// @vitest-environment node
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BackendError } from '../contract/errors'
import { callbackSchema, type Callback, type EventScope } from '../contract/events'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { eventRecordOf } from '../core/event-record'
import { bigcommerceClient, type BigcommerceClientOptions } from './client'
import { specCheckedFetch } from './openapi/bigcommerce-specs'
import { DEMO_CREDENTIALS, DEMO_LIMITED_CREDENTIALS, DEMO_STORE_HASH } from './simulator/demo-store'
import type { Fault } from './simulator/faults'
import { startSimulatorServer, type SimulatorServer } from './simulator/simulator-server'

type Received = { path: string; headers: Record<string, string>; body: string }

let server: SimulatorServer
let receiver: { url: string; received: Received[]; close: () => void }
let sleeps: number[]
/** Every reply the client reads is checked against the spec of its area. */
let checked: ReturnType<typeof specCheckedFetch>

/** Waits are recorded, not slept, so retry tests are fast and can assert the schedule. */
function client(options: BigcommerceClientOptions = {}) {
  return bigcommerceClient({
    apiUrl: server.url,
    fetch: checked.fetch,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...options,
  })
}

async function caught(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof BackendError)) throw new Error(`Expected a BackendError, got ${String(error)}`)
  expect(error.message).not.toContain(DEMO_CREDENTIALS.accessToken)
  expect(error.message).not.toContain(DEMO_LIMITED_CREDENTIALS.accessToken)
  return error
}

function fault(value: Fault) {
  server.simulator.addFault(value)
}

beforeAll(async () => {
  const received: Received[] = []
  const app = new Hono().post('/hooks/*', async (c) => {
    received.push({ path: c.req.path, headers: Object.fromEntries(c.req.raw.headers), body: await c.req.text() })
    return c.body(null, 200)
  })
  receiver = await new Promise((resolve) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', overrideGlobalObjects: false }, (info: AddressInfo) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, received, close: () => listening.close() }),
    )
  })
  // Plays the tunnel: BigCommerce only accepts https:443 destinations.
  server = await startSimulatorServer({
    rewriteDestination: (destination) => `${receiver.url}${new URL(destination).pathname}`,
  })
})

afterAll(async () => {
  await server.close()
  receiver.close()
})

beforeEach(() => {
  server.simulator.reset()
  receiver.received.length = 0
  sleeps = []
  checked = specCheckedFetch()
})

afterEach(() => checked.assertAllConform())

describe('verifyCredentials', () => {
  it('reports a wrong token at the Access Token field, without echoing it', async () => {
    const error = await caught(client().verifyCredentials({ storeHash: DEMO_STORE_HASH, accessToken: 'not-a-real-token' }))
    expect(error.code).toBe('invalid_credentials')
    expect(error.field).toBe('accessToken')
    expect(error.message).toContain(`BigCommerce did not accept this Access Token for store ${DEMO_STORE_HASH}`)
  })
})

describe('canRead', () => {
  it('waits out a 429 as any call does, and reports other failures instead of guessing a scope', async () => {
    fault({ pathPattern: '/v3/catalog/products$', status: 429, times: 1, headers: { 'X-Rate-Limit-Time-Reset-Ms': '25' } })
    await expect(client().canRead(DEMO_CREDENTIALS, 'products')).resolves.toBe(true)
    expect(sleeps).toEqual([25])

    fault({ pathPattern: '/v2/orders$', status: 503, times: 4 })
    expect((await caught(client().canRead(DEMO_CREDENTIALS, 'orders'))).code).toBe('upstream_error')
    expect((await caught(client().canRead({ storeHash: DEMO_STORE_HASH, accessToken: 'not-a-real-token' }, 'customers'))).code).toBe(
      'invalid_credentials',
    )
  })
})

describe('hooks', () => {
  const input = {
    scope: 'store/order/created' as const,
    destination: 'https://hooks.example.test/hooks/bigcommerce/trigger-1',
    headers: { [TRIGGER_SECRET_HEADER]: 'secret-1' },
  }

  it('passes on BigCommerce’s refusal of a duplicate after one request, since its caller has looked already', async () => {
    const sent: string[] = []
    const bc = client({
      fetch: (url, init) => {
        const request = new Request(url, init)
        sent.push(`${request.method} ${new URL(request.url).pathname}`)
        return checked.fetch(request)
      },
    })
    await bc.createHook(DEMO_CREDENTIALS, input)
    const refused = await caught(bc.createHook(DEMO_CREDENTIALS, input))
    expect(refused.code).toBe('validation_failed')
    expect(refused.message).toContain('A webhook with this scope and destination already exists')
    expect(sent).toEqual([`POST /stores/${DEMO_STORE_HASH}/v3/hooks`, `POST /stores/${DEMO_STORE_HASH}/v3/hooks`])
  })

  it('never repeats a secret BigCommerce quotes back in a refusal or a 5xx', async () => {
    const secret = 'trigger-secret-4f9a2c'
    const custom = 'Bearer user-api-key-77'
    const quoted = `headers invalid: ${secret}, ${custom}, token ${DEMO_CREDENTIALS.accessToken}`
    const hook = { ...input, headers: { [TRIGGER_SECRET_HEADER]: secret, Authorization: custom } }
    fault({
      method: 'POST',
      pathPattern: '/v3/hooks$',
      status: 422,
      times: 1,
      body: { status: 422, title: 'Invalid hook', errors: { headers: quoted } },
    })
    const refused = await caught(client().createHook(DEMO_CREDENTIALS, hook))
    fault({ method: 'POST', pathPattern: '/v3/hooks$', status: 500, times: 4, body: { status: 500, title: quoted } })
    const failed = await caught(client().createHook(DEMO_CREDENTIALS, hook))
    for (const error of [refused, failed]) {
      expect(error.message).toContain('headers invalid: [redacted], [redacted], token [redacted]')
      expect(error.message).not.toContain(secret)
      expect(error.message).not.toContain(custom)
    }
  })

  it('reports a destination BigCommerce refuses in its own words', async () => {
    const error = await caught(client().createHook(DEMO_CREDENTIALS, { ...input, destination: 'http://127.0.0.1:8080/hooks/x' }))
    expect(error.code).toBe('validation_failed')
    expect(error.message).toMatch(/destination: .*https.*443/)
  })
})

describe('retries and failures', () => {
  it('waits X-Rate-Limit-Time-Reset-Ms after a 429, then succeeds', async () => {
    fault({ pathPattern: '/v3/hooks$', status: 429, times: 1, headers: { 'X-Rate-Limit-Time-Reset-Ms': '40' } })
    await expect(client().listHooksAt(DEMO_CREDENTIALS, 'https://x.test/hooks/a')).resolves.toEqual([])
    expect(sleeps).toEqual([40])
  })

  it('backs off longer after a 429 without reset headers, within maxRateLimitWaitMs', async () => {
    fault({ pathPattern: '/v3/hooks$', status: 429, times: 1 })
    await client({ maxRateLimitWaitMs: 1200 }).listHooksAt(DEMO_CREDENTIALS, 'https://x.test/hooks/a')
    expect(sleeps).toEqual([1200])
  })

  it('caps a long reset wait and reports persistent 429s as rate_limited', async () => {
    fault({ status: 429, times: 10, headers: { 'X-Rate-Limit-Time-Reset-Ms': '60000' } })
    const error = await caught(client({ maxAttempts: 3 }).verifyCredentials(DEMO_CREDENTIALS))
    expect(error.code).toBe('rate_limited')
    expect(sleeps).toEqual([15_000, 15_000])
  })

  it('retries 5xx with growing delays, then succeeds', async () => {
    fault({ pathPattern: '/v3/hooks$', status: 500, times: 2 })
    await expect(client().verifyCredentials(DEMO_CREDENTIALS)).resolves.toMatchObject({ storeName: 'Demo Store' })
    expect(sleeps).toEqual([250, 500])
  })

  it('gives up on a persistent 5xx with upstream_error', async () => {
    fault({ pathPattern: '/v3/hooks$', status: 503, times: 10 })
    const error = await caught(client().verifyCredentials(DEMO_CREDENTIALS))
    expect(error.code).toBe('upstream_error')
    expect(error.message).toMatch(/answered 503.*after 4 attempts/)
    expect(sleeps).toEqual([250, 500, 1000])
  })

  it('times out a request that hangs', async () => {
    fault({ pathPattern: '/v3/hooks$', delayMs: 400, times: 1 })
    const error = await caught(client({ timeoutMs: 100 }).verifyCredentials(DEMO_CREDENTIALS))
    expect(error.code).toBe('upstream_error')
    expect(error.message).toContain('timed out')
  })

  it('retries when BigCommerce cannot be reached, then reports it', async () => {
    const error = await caught(
      bigcommerceClient({ apiUrl: 'http://127.0.0.1:9', maxAttempts: 2, sleep: async () => {} }).verifyCredentials(DEMO_CREDENTIALS),
    )
    expect(error.code).toBe('upstream_error')
    expect(error.message).toContain('could not be reached')
  })

  it('never takes a token fetch cannot send for an unreachable BigCommerce, nor retries it, nor repeats it', async () => {
    let calls = 0
    const counting: typeof fetch = (input, init) => {
      calls += 1
      return globalThis.fetch(input, init)
    }
    for (const accessToken of [`${DEMO_CREDENTIALS.accessToken}\u0000`, `${DEMO_CREDENTIALS.accessToken}\u2603`]) {
      const error = await caught(client({ fetch: counting }).verifyCredentials({ ...DEMO_CREDENTIALS, accessToken }))
      expect(error).toMatchObject({ code: 'validation_failed', field: 'accessToken' })
      expect(error.message).toBe('The Access Token holds characters an HTTP header cannot carry. Copy it again.')
    }
    expect(calls).toBe(0)
    expect(sleeps).toEqual([])
  })

  it('reads v2 array error bodies', async () => {
    fault({ pathPattern: '/v2/orders$', status: 400, times: 1, body: [{ status: 400, message: 'The field sort is invalid.' }] })
    const error = await caught(client().latestEventData(DEMO_CREDENTIALS, 'store/order/created'))
    expect(error.code).toBe('validation_failed')
    expect(error.message).toContain('The field sort is invalid')
  })

  it('reports a missing record as not_found with BigCommerce’s words', async () => {
    const payload: Callback = {
      scope: 'store/order/created',
      store_id: '1',
      data: { type: 'order', id: 999 },
      hash: 'x',
      created_at: 1,
      producer: `stores/${DEMO_STORE_HASH}`,
    }
    const error = await caught(client().fetchEventRecord(DEMO_CREDENTIALS, eventRecordOf(payload)))
    expect(error.code).toBe('not_found')
    expect(error.message).toBe(`Store ${DEMO_STORE_HASH} has no order 999: The requested resource was not found.`)
  })

  it('names the missing OAuth scope on a 403', async () => {
    const error = await caught(client().latestEventData(DEMO_LIMITED_CREDENTIALS, 'store/product/created'))
    expect(error.code).toBe('missing_scope')
    expect(error.message).toContain('Products: read-only')
    expect(error.message).toContain('store_v2_products_read_only')
  })
})

describe('latestEventData and fetchEventRecord', () => {
  const expected: Record<EventScope, { data: Callback['data']; check: Record<string, unknown> }> = {
    'store/product/created': { data: { type: 'product', id: 103 }, check: { id: 103, name: 'Trail Guide (PDF)' } },
    'store/sku/created': {
      data: { type: 'sku', id: 306, sku: { product_id: 103, variant_id: 206 } },
      check: { id: 206, product_id: 103, sku: 'GUIDE-PDF' },
    },
    'store/customer/created': { data: { type: 'customer', id: 3 }, check: { id: 3, email: 'grace@example.com' } },
    'store/order/created': {
      data: { type: 'order', id: 102 },
      check: { id: 102, cart_id: '0f6b2d9e-8a14-4c7b-b3e2-91d5a6c0f832', total_inc_tax: '18.0000' },
    },
    'store/cart/converted': { data: { type: 'cart', id: '0f6b2d9e-8a14-4c7b-b3e2-91d5a6c0f832', orderId: 102 }, check: { id: 102 } },
    'store/shipment/created': {
      data: { type: 'shipment', id: 1, orderId: 101 },
      check: { id: 1, order_id: 101, tracking_number: '1Z999AA10123456784' },
    },
  }

  const requests: Record<EventScope, string> = {
    'store/product/created': '/v3/catalog/products/103',
    'store/sku/created': '/v3/catalog/products/103/variants/206',
    'store/customer/created': '/v3/customers?id:in=3',
    'store/order/created': '/v2/orders/102',
    'store/cart/converted': '/v2/orders/102',
    'store/shipment/created': '/v2/orders/101/shipments/1',
  }

  for (const [scope, { data, check }] of Object.entries(expected) as [EventScope, (typeof expected)[EventScope]][]) {
    it(`finds the newest ${scope} and fetches its record`, async () => {
      const bc = client()
      const latest = await bc.latestEventData(DEMO_CREDENTIALS, scope)
      expect(latest?.data).toEqual(data)
      expect(latest?.createdAt).toBeGreaterThan(Date.UTC(2025, 0, 1) / 1000)
      const payload = callbackSchema.parse({
        scope,
        store_id: '1001234567',
        data,
        hash: 'h',
        created_at: latest?.createdAt,
        producer: `stores/${DEMO_STORE_HASH}`,
      })
      const fetched = await bc.fetchEventRecord(DEMO_CREDENTIALS, eventRecordOf(payload))
      expect(fetched.record).toMatchObject(check)
      // The adapter says which request it made, in the words a user could type.
      expect(fetched.request).toBe(`GET ${requests[scope]}`)
      // The record itself was read in a shape its spec documents (the afterEach checks every reply).
      expect(checked.replies.at(-1)).toMatchObject({ request: expect.stringMatching(/^GET \S+ 200$/), problems: [] })
    })
  }
})

describe('deliveries', () => {
  it('delivers to active hooks with their headers, in the documented envelope', async () => {
    const bc = client()
    const destination = 'https://hooks.example.test/hooks/bigcommerce/trigger-9'
    const headers = { [TRIGGER_SECRET_HEADER]: 'secret-9', 'X-Extra': 'yes' }
    await bc.createHook(DEMO_CREDENTIALS, { scope: 'store/product/created', destination, headers })
    await bc.createHook(DEMO_CREDENTIALS, { scope: 'store/sku/created', destination, headers })
    const inactive = await bc.createHook(DEMO_CREDENTIALS, {
      scope: 'store/product/created',
      destination: 'https://hooks.example.test/hooks/off',
      headers,
    })
    await fetch(`${server.url}/stores/${DEMO_STORE_HASH}/v3/hooks/${inactive.id}`, {
      method: 'PUT',
      headers: { 'X-Auth-Token': DEMO_CREDENTIALS.accessToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ is_active: false }),
    })

    const created = await fetch(`${server.url}/stores/${DEMO_STORE_HASH}/v3/catalog/products`, {
      method: 'POST',
      headers: { 'X-Auth-Token': DEMO_CREDENTIALS.accessToken, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name: 'Canvas Tote', type: 'physical', weight: 1, price: 12 }),
    })
    expect(created.status).toBe(200)
    await server.simulator.settled()

    expect(receiver.received.map((delivery) => delivery.path)).toEqual(['/hooks/bigcommerce/trigger-9', '/hooks/bigcommerce/trigger-9'])
    const payloads = receiver.received.map((delivery) => {
      expect(delivery.headers['x-trigger-secret']).toBe('secret-9')
      expect(delivery.headers['x-extra']).toBe('yes')
      expect(delivery.headers['content-type']).toBe('application/json')
      return callbackSchema.parse(JSON.parse(delivery.body))
    })
    const product = payloads.find((payload) => payload.scope === 'store/product/created')
    const sku = payloads.find((payload) => payload.scope === 'store/sku/created')
    expect(product).toMatchObject({ store_id: '1001234567', producer: `stores/${DEMO_STORE_HASH}`, data: { type: 'product', id: 104 } })
    expect(sku?.data).toMatchObject({ type: 'sku', sku: { product_id: 104 } })
    if (!product) throw new Error('no product delivery')
    expect(product.hash).toBe(createHash('sha1').update(JSON.stringify(product.data)).digest('hex'))
    await expect(bc.fetchEventRecord(DEMO_CREDENTIALS, eventRecordOf(product))).resolves.toMatchObject({
      record: { id: 104, name: 'Canvas Tote' },
    })
    expect(server.simulator.deliveries.map((attempt) => attempt.status)).toEqual([200, 200])
  })
})
