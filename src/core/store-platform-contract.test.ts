// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bigcommerceClient } from '../bigcommerce/client'
import { DEMO_CREDENTIALS, DEMO_LIMITED_CREDENTIALS, DEMO_STORE, DEMO_STORE_HASH } from '../bigcommerce/simulator/demo-store'
import { startSimulatorServer, type SimulatorServer } from '../bigcommerce/simulator/simulator-server'
import { eventDefinition } from '../connectors/bigcommerce'
import { BackendError } from '../contract/errors'
import { eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import { eventRecordOf, type EventRecord } from './event-record'
import { fakePlatform } from './fake-store-platform'
import type { HookInput, StoreCredentials, StorePlatform } from './ports'

/**
 * What the core relies on from a `StorePlatform`, run against both: the real client talking HTTP
 * to the simulator, and the fake the core's tests use. Where they answered differently, a test of
 * the core could pass while the server failed, or the other way round.
 */

/** One store, as each implementation sets it up. */
type PlatformUnderTest = {
  platform: StorePlatform
  /** A token of an API account with every read scope. */
  full: StoreCredentials
  /** Another API account of the same store, without Information & Settings nor Products. */
  limited: StoreCredentials
  /** What `verifyCredentials` answers for the full token. */
  store: { storeName: string; storeId: string }
  /** Makes the store hold a new record behind `scope`; answers the `data` a delivery of it carries. */
  create(scope: EventScope): Promise<Callback['data']>
  /** BigCommerce switches the hook off, as after 48 hours of failed deliveries. */
  deactivate(hookId: number): void
  /** BigCommerce denylists `host` for every API account of the store. */
  block(host: string, seconds: number, reason: string): void
}

/** Every record is made at this moment, so `createdAt` can be pinned; of two, the newer has the higher id. */
const NOW = new Date('2026-01-02T03:04:05Z')
const NOW_SECONDS = NOW.getTime() / 1000

let server: SimulatorServer

beforeAll(async () => {
  // The demo store's API accounts without its records, so "the store has none" can be asked too.
  const none = { hooks: [], products: [], variants: [], customers: [], orders: [], orderProducts: [], orderAddresses: [], shipments: [] }
  server = await startSimulatorServer({
    stores: [{ ...DEMO_STORE, ...none, carts: [] }],
    now: () => NOW,
    deliver: async () => new Response(null, { status: 200 }),
  })
})

afterAll(() => server.close())

async function simulated(): Promise<PlatformUnderTest> {
  const { simulator } = server
  simulator.reset()
  const store = () => {
    const found = simulator.store(DEMO_STORE_HASH)
    if (!found) throw new Error('no demo store')
    return found
  }
  const order = (viaCart: boolean) => {
    if (store().products.length === 0) simulator.createProduct(DEMO_STORE_HASH)
    return simulator.createOrder(DEMO_STORE_HASH, { viaCart })
  }
  return {
    platform: bigcommerceClient({ apiUrl: server.url, sleep: async () => {} }),
    full: DEMO_CREDENTIALS,
    limited: DEMO_LIMITED_CREDENTIALS,
    store: { storeName: DEMO_STORE.name, storeId: DEMO_STORE.storeId },
    async create(scope) {
      switch (scope) {
        case 'store/product/created':
          return { type: 'product', id: simulator.createProduct(DEMO_STORE_HASH).id }
        case 'store/sku/created': {
          const product = simulator.createProduct(DEMO_STORE_HASH)
          const variant = store().variants.find((candidate) => candidate.id === product.base_variant_id)
          if (!variant) throw new Error('no base variant')
          return { type: 'sku', id: variant.sku_id ?? variant.id, sku: { product_id: product.id, variant_id: variant.id } }
        }
        case 'store/customer/created':
          return { type: 'customer', id: simulator.createCustomer(DEMO_STORE_HASH).id }
        case 'store/order/created':
          return { type: 'order', id: order(false).id }
        case 'store/cart/converted': {
          const converted = order(true)
          return { type: 'cart', id: converted.cart_id, orderId: converted.id }
        }
        case 'store/shipment/created': {
          const shipment = simulator.createShipment(DEMO_STORE_HASH, order(false).id)
          return { type: 'shipment', id: shipment.id, orderId: shipment.order_id }
        }
      }
    },
    deactivate: (hookId) => simulator.deactivateHook(DEMO_STORE_HASH, hookId),
    block: (host, seconds, reason) => simulator.blockDomain(DEMO_STORE_HASH, { domain: host, seconds, reason }),
  }
}

async function faked(): Promise<PlatformUnderTest> {
  const fake = fakePlatform()
  const limited = { storeHash: 'abc123', accessToken: 'token-abc-orders' }
  fake.addToken(limited.storeHash, limited.accessToken)
  fake.setUnreadable(limited.accessToken, ['information', 'products'])
  let nextId = 1
  return {
    platform: fake.platform,
    full: { storeHash: 'abc123', accessToken: 'token-abc1' },
    limited,
    store: { storeName: 'Store abc123', storeId: '555' },
    async create(scope) {
      const id = nextId++
      const data: Callback['data'] = {
        'store/product/created': { type: 'product', id },
        'store/sku/created': { type: 'sku', id, sku: { product_id: id + 1000, variant_id: id + 2000 } },
        'store/customer/created': { type: 'customer', id },
        'store/order/created': { type: 'order', id },
        'store/cart/converted': { type: 'cart', id: `cart-${id}`, orderId: id },
        'store/shipment/created': { type: 'shipment', id, orderId: id + 1000 },
      }[scope]
      fake.setLatest(scope, { data, createdAt: NOW_SECONDS })
      fake.setResource(data, { id: recordIdOf(eventRecordOf({ scope, data })) })
      return data
    },
    deactivate: (hookId) => fake.deactivate('abc123', hookId),
    block: (host, seconds, reason) =>
      fake.block('abc123', [{ destination: `https://${host}`, timeLeftSeconds: seconds, reasons: [reason] }]),
  }
}

/** The id of the record an event's delivery stands for: an order for a converted cart, a variant for a SKU. */
function recordIdOf(event: EventRecord): number {
  switch (event.scope) {
    case 'store/cart/converted':
      return event.data.orderId
    case 'store/sku/created':
      return event.data.sku.variant_id
    default:
      return event.data.id
  }
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!(error instanceof BackendError)) throw new Error(`Expected a BackendError, got ${String(error)}`)
  return error
}

/** `read`, or the code of the `BackendError` it was refused with. */
function outcome(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'read',
    (error: unknown) => (error instanceof BackendError ? error.code : `not a BackendError: ${String(error)}`),
  )
}

const DESTINATION = 'https://hooks.example.test/hooks/bigcommerce/trg_contract'
const order: HookInput = { scope: 'store/order/created', destination: DESTINATION, headers: { 'X-Trigger-Secret': 'secret-1' } }

/** Of each event, a record the store does not have. */
const MISSING: Record<EventScope, Callback['data']> = {
  'store/product/created': { type: 'product', id: 990 },
  'store/sku/created': { type: 'sku', id: 991, sku: { product_id: 990, variant_id: 992 } },
  'store/customer/created': { type: 'customer', id: 990 },
  'store/order/created': { type: 'order', id: 990 },
  'store/cart/converted': { type: 'cart', id: 'cart-gone', orderId: 990 },
  'store/shipment/created': { type: 'shipment', id: 990, orderId: 991 },
}

describe.each([
  ['the BigCommerce client, over HTTP to the simulator', simulated],
  ['fakePlatform()', faked],
])('%s: the StorePlatform contract', (_name, open) => {
  let under: PlatformUnderTest
  let platform: StorePlatform

  beforeEach(async () => {
    under = await open()
    platform = under.platform
  })

  describe('verifyCredentials and canRead', () => {
    it('names the store and its id for a token with Information & Settings', async () => {
      await expect(platform.verifyCredentials(under.full)).resolves.toEqual(under.store)
    })

    it('names the store by its hash, with no id, for a token without it', async () => {
      await expect(platform.verifyCredentials(under.limited)).resolves.toEqual({ storeName: under.limited.storeHash, storeId: null })
    })

    it('refuses a wrong token, or a token of another store, at the Access Token field', async () => {
      for (const credentials of [
        { ...under.full, accessToken: 'not-a-real-token' },
        { storeHash: 'nosuchstore', accessToken: under.full.accessToken },
      ]) {
        expect(await rejection(platform.verifyCredentials(credentials))).toMatchObject({
          code: 'invalid_credentials',
          field: 'accessToken',
        })
      }
    })

    it('tells which areas a token may read', async () => {
      const areas = ['products', 'orders', 'customers'] as const
      expect(await Promise.all(areas.map((area) => platform.canRead(under.full, area)))).toEqual([true, true, true])
      expect(await Promise.all(areas.map((area) => platform.canRead(under.limited, area)))).toEqual([false, true, true])
    })
  })

  describe('hooks', () => {
    it('creates an active hook with its headers, finds it by scope and destination, updates and deletes it', async () => {
      const created = await platform.createHook(under.full, order)
      expect(created).toEqual({
        id: expect.any(Number),
        scope: order.scope,
        destination: DESTINATION,
        is_active: true,
        headers: order.headers,
      })
      await expect(platform.listHooksAt(under.full, DESTINATION)).resolves.toEqual([created])

      const headers = { 'X-Trigger-Secret': 'secret-2', 'X-Team': 'ops' }
      const updated = await platform.updateHook(under.full, created.id, { ...order, headers })
      expect(updated).toEqual({ ...created, headers })
      await expect(platform.listHooksAt(under.full, DESTINATION)).resolves.toEqual([updated])

      await platform.deleteHook(under.full, created.id)
      await expect(platform.listHooksAt(under.full, DESTINATION)).resolves.toEqual([])
    })

    it('answers null headers for a hook created without any', async () => {
      expect((await platform.createHook(under.full, { ...order, headers: {} })).headers).toBeNull()
    })

    it('refuses a second hook with the same scope and destination, leaving the first as it was', async () => {
      const first = await platform.createHook(under.full, order)
      const refused = await rejection(platform.createHook(under.full, { ...order, headers: { 'X-Trigger-Secret': 'rotated' } }))
      expect(refused.code).toBe('validation_failed')
      await expect(platform.listHooksAt(under.full, DESTINATION)).resolves.toEqual([first])
    })

    it('reactivates a hook BigCommerce deactivated when it is updated', async () => {
      const created = await platform.createHook(under.full, order)
      under.deactivate(created.id)
      await expect(platform.listHooksAt(under.full, DESTINATION)).resolves.toEqual([{ ...created, is_active: false }])
      await expect(platform.updateHook(under.full, created.id, order)).resolves.toEqual(created)
    })

    it('answers not_found for updating a hook that is gone, and takes deleting one as done', async () => {
      const created = await platform.createHook(under.full, order)
      await platform.deleteHook(under.full, created.id)
      expect((await rejection(platform.updateHook(under.full, created.id, order))).code).toBe('not_found')
      await expect(platform.deleteHook(under.full, created.id)).resolves.toBeUndefined()
    })

    it('lists the hooks of every scope at one destination, and only those of the token’s own API account', async () => {
      const orders = await platform.createHook(under.full, order)
      const products = await platform.createHook(under.full, { ...order, scope: 'store/product/created' })
      await platform.createHook(under.full, { ...order, destination: `${DESTINATION}-other` })
      const theirs = await platform.createHook(under.limited, order)

      const listed = await platform.listHooksAt(under.full, DESTINATION)
      expect(listed.toSorted((a, b) => a.id - b.id)).toEqual([orders, products])
      await expect(platform.listHooksAt(under.limited, DESTINATION)).resolves.toEqual([theirs])
    })

    it('tells the domains BigCommerce has denylisted, with the time left and why', async () => {
      await expect(platform.blockedDomains(under.full)).resolves.toEqual([])
      under.block('hooks.example.test', 120, 'The success ratio fell below 90%.')
      await expect(platform.blockedDomains(under.full)).resolves.toEqual([
        { destination: 'https://hooks.example.test', timeLeftSeconds: 120, reasons: ['The success ratio fell below 90%.'] },
      ])
    })
  })

  describe.each(eventScopeSchema.options)('the records behind %s', (scope) => {
    it('has no newest record in a store without any', async () => {
      await expect(platform.latestEventData(under.full, scope)).resolves.toBeNull()
    })

    it('finds the newest record as a delivery would name it, and fetches it', async () => {
      await under.create(scope)
      const data = await under.create(scope)
      await expect(platform.latestEventData(under.full, scope)).resolves.toEqual({ data, createdAt: NOW_SECONDS })

      const event = eventRecordOf({ scope, data })
      const fetched = await platform.fetchEventRecord(under.full, event)
      expect(fetched.record).toMatchObject({ id: recordIdOf(event) })
      expect(fetched.request).toMatch(/^GET \S/)
    })

    it('answers not_found for a record the store does not have', async () => {
      const error = await rejection(platform.fetchEventRecord(under.full, eventRecordOf({ scope, data: MISSING[scope] })))
      expect(error.code).toBe('not_found')
    })

    it('answers missing_scope to a token without the read scope of these records, and reads them with it', async () => {
      const event = eventRecordOf({ scope, data: await under.create(scope) })
      // The limited API account may read orders and customers, not products.
      const expected = eventDefinition(scope).readArea === 'products' ? 'missing_scope' : 'read'
      expect(await outcome(platform.latestEventData(under.limited, scope))).toBe(expected)
      expect(await outcome(platform.fetchEventRecord(under.limited, event))).toBe(expected)
    })
  })

  it('answers invalid_credentials to every call with a token BigCommerce does not know', async () => {
    const bad = { ...under.full, accessToken: 'not-a-real-token' }
    const event = eventRecordOf({ scope: 'store/order/created', data: { type: 'order', id: 1 } })
    const calls: (() => Promise<unknown>)[] = [
      () => platform.verifyCredentials(bad),
      () => platform.canRead(bad, 'orders'),
      () => platform.createHook(bad, order),
      () => platform.updateHook(bad, 1, order),
      () => platform.deleteHook(bad, 1),
      () => platform.listHooksAt(bad, DESTINATION),
      () => platform.blockedDomains(bad),
      () => platform.latestEventData(bad, 'store/order/created'),
      () => platform.fetchEventRecord(bad, event),
    ]
    for (const call of calls) expect((await rejection(call())).code).toBe('invalid_credentials')
  })
})
