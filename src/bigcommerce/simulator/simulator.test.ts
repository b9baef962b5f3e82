// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callbackSchema } from '../../contract/events'
import { TRIGGER_SECRET_HEADER } from '../../contract/custom-headers'
import { bigcommerceClient } from '../client'
import { customersSpec, ordersSpec, productsSpec, storeSpec, variantsSpec, webhooksSpec } from '../openapi/bigcommerce-specs'
import { componentSchema, requestSchema, responseSchema, validate } from '../openapi/openapi-checker'
import { DEMO_CREDENTIALS, DEMO_LIMITED_CREDENTIALS, DEMO_STORE_HASH } from './demo-store'
import type { Simulator } from './simulator'
import { simulatorHarness, type SimulatorHarness } from './simulator-harness'

const NOW = new Date('2025-03-01T12:00:00Z')
const DESTINATION = 'https://hooks.example.test/hooks/bigcommerce/t1'

let harness: SimulatorHarness
let simulator: Simulator
let sent: SimulatorHarness['sent']
let checked: SimulatorHarness['checked']

function useHarness(options: Parameters<typeof simulatorHarness>[0] = {}) {
  harness = simulatorHarness({ now: () => NOW, ...options })
  ;({ simulator, sent, checked } = harness)
}

beforeEach(() => useHarness())
afterEach(() => checked.assertAllConform())

const api: SimulatorHarness['api'] = (...args) => harness.api(...args)

function hookId(body: unknown): number {
  const id = (body as { data?: { id?: unknown } }).data?.id
  if (typeof id !== 'number') throw new Error(`no hook id in ${JSON.stringify(body)}`)
  return id
}

describe('the checker', () => {
  it('finds problems in a value that breaks the spec', () => {
    const schema = responseSchema(webhooksSpec, '/hooks/{webhook_id}', 'get', 200)
    expect(validate(webhooksSpec, schema, { data: { id: '7', is_active: 'yes', headers: { a: 1 } }, meta: {} })).toEqual([
      '$.data.id: expected integer, got string',
      '$.data.is_active: expected boolean, got string',
      '$.data.headers.a: expected string, got number',
    ])
    expect(validate(webhooksSpec, requestSchema(webhooksSpec, '/hooks', 'post'), { destination: DESTINATION })).toEqual([
      '$: missing required scope',
    ])
  })
})

describe('webhooks v3 against webhooks.v3.yml', () => {
  it('creates, lists, gets, updates and deletes hooks in the documented shapes', async () => {
    const created = await api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: DESTINATION, is_active: true } })
    expect(created.status).toBe(200)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks', 'post', 200), created.body)).toEqual([])
    const id = hookId(created.body)
    const epoch = Math.floor(NOW.getTime() / 1000)
    expect(created.body).toMatchObject({
      data: {
        id,
        scope: 'store/order/created',
        headers: null,
        is_active: true,
        created_at: epoch,
        updated_at: epoch,
        store_hash: DEMO_STORE_HASH,
      },
      meta: {},
    })

    const list = await api('GET', '/v3/hooks?scope=store/order/created&destination=' + encodeURIComponent(DESTINATION))
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks', 'get', 200), list.body)).toEqual([])
    expect(list.body).toMatchObject({ data: [{ id }], meta: { pagination: { total: 1, count: 1, current_page: 1, total_pages: 1 } } })

    const one = await api('GET', `/v3/hooks/${id}`)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks/{webhook_id}', 'get', 200), one.body)).toEqual([])

    const updated = await api('PUT', `/v3/hooks/${id}`, { body: { headers: { [TRIGGER_SECRET_HEADER]: 's' } } })
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks/{webhook_id}', 'put', 200), updated.body)).toEqual([])
    expect(updated.body).toMatchObject({ data: { headers: { [TRIGGER_SECRET_HEADER]: 's' } } })

    const deleted = await api('DELETE', `/v3/hooks/${id}`)
    expect(deleted.status).toBe(200)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks/{webhook_id}', 'delete', 200), deleted.body)).toEqual([])

    const gone = await api('GET', `/v3/hooks/${id}`)
    expect(gone.status).toBe(404)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks/{webhook_id}', 'get', 404), gone.body)).toEqual([])
    expect(gone.body).toMatchObject({ status: 404, title: `Webhook with id [${id}] not found` })
  })

  it('answers errors in the documented shapes', async () => {
    const missing = await api('POST', '/v3/hooks', { body: { scope: 'store/order/created' } })
    expect(missing.status).toBe(422)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks', 'post', 422), missing.body)).toEqual([])
    expect(missing.body).toMatchObject({ title: 'JSON data is missing or invalid', errors: { destination: 'error.path.missing.' } })

    const malformed = await api('POST', '/v3/hooks', { rawBody: '{"scope":' })
    expect(malformed.status).toBe(400)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks', 'post', 400), malformed.body)).toEqual([])

    const unauthorized = await api('GET', '/v3/hooks', { token: 'wrong' })
    expect(unauthorized.status).toBe(401)
    expect(validate(webhooksSpec, responseSchema(webhooksSpec, '/hooks', 'get', 401), unauthorized.body)).toEqual([])
    expect(unauthorized.body).toMatchObject({ title: expect.stringContaining('not a valid combination for this store') })
  })

  it('refuses destinations that are not https on port 443', async () => {
    for (const destination of ['http://hooks.example.test/x', 'https://hooks.example.test:8443/x', 'not a url']) {
      const reply = await api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination } })
      expect(reply.status).toBe(422)
      expect(reply.body).toMatchObject({ errors: { destination: expect.stringContaining('443') } })
    }
    expect(
      (await api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: 'https://hooks.example.test:443/x' } })).status,
    ).toBe(200)
  })

  it('refuses a duplicate, an 11th hook per scope, and an empty update', async () => {
    const body = { scope: 'store/product/created', destination: DESTINATION }
    const first = await api('POST', '/v3/hooks', { body })
    expect((await api('POST', '/v3/hooks', { body })).status).toBe(422)
    for (let index = 1; index < 10; index++) {
      expect((await api('POST', '/v3/hooks', { body: { ...body, destination: `${DESTINATION}/${index}` } })).status).toBe(200)
    }
    const eleventh = await api('POST', '/v3/hooks', { body: { ...body, destination: `${DESTINATION}/10` } })
    expect(eleventh.status).toBe(422)
    expect(eleventh.body).toMatchObject({ errors: { scope: expect.stringContaining('10') } })
    expect((await api('PUT', `/v3/hooks/${hookId(first.body)}`, { body: {} })).status).toBe(422)
  })

  it('shows hooks only to the API account that created them', async () => {
    const created = await api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: DESTINATION } })
    const other = await api('GET', '/v3/hooks', { token: DEMO_LIMITED_CREDENTIALS.accessToken })
    expect(other.body).toMatchObject({ data: [] })
    expect((await api('GET', `/v3/hooks/${hookId(created.body)}`, { token: DEMO_LIMITED_CREDENTIALS.accessToken })).status).toBe(404)
    expect((await api('DELETE', `/v3/hooks/${hookId(created.body)}`, { token: DEMO_LIMITED_CREDENTIALS.accessToken })).status).toBe(404)
  })

  it('filters by is_active and pages with limit', async () => {
    await api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: DESTINATION } })
    await api('POST', '/v3/hooks', { body: { scope: 'store/sku/created', destination: DESTINATION, is_active: false } })
    expect((await api('GET', '/v3/hooks?is_active=false')).body).toMatchObject({ data: [{ scope: 'store/sku/created' }] })
    const page = await api('GET', '/v3/hooks?limit=1&page=2')
    expect(page.body).toMatchObject({
      data: [{ scope: 'store/sku/created' }],
      meta: { pagination: { total: 2, count: 1, per_page: 1, current_page: 2, total_pages: 2 } },
    })
  })

  it('receives request bodies from the client that match the request schemas', async () => {
    const bodies: { method: string; body: unknown }[] = []
    const client = bigcommerceClient({
      fetch: async (input, init) => {
        const request = new Request(input, init)
        if (request.method === 'POST' || request.method === 'PUT')
          bodies.push({ method: request.method, body: await request.clone().json() })
        return simulator.app.fetch(request)
      },
    })
    const input = {
      scope: 'store/cart/converted' as const,
      destination: DESTINATION,
      headers: { [TRIGGER_SECRET_HEADER]: 'x', 'X-Custom': 'y' },
    }
    const hook = await client.createHook(DEMO_CREDENTIALS, input)
    await client.updateHook(DEMO_CREDENTIALS, hook.id, { ...input, headers: {} })
    expect(bodies.map((entry) => entry.method)).toEqual(['POST', 'PUT'])
    expect(validate(webhooksSpec, requestSchema(webhooksSpec, '/hooks', 'post'), bodies[0]?.body)).toEqual([])
    expect(validate(webhooksSpec, requestSchema(webhooksSpec, '/hooks/{webhook_id}', 'put'), bodies[1]?.body)).toEqual([])
    expect(bodies[0]?.body).not.toHaveProperty('events_history_enabled')
  })
})

describe('store information and catalog against their specs', () => {
  it('answers GET /v2/store as store_information.v2.yml describes', async () => {
    const reply = await api('GET', '/v2/store')
    expect(reply.status).toBe(200)
    expect(validate(storeSpec, responseSchema(storeSpec, '/store', 'get', 200), reply.body)).toEqual([])
    expect(reply.body).toMatchObject({ id: DEMO_STORE_HASH, name: 'Demo Store', store_id: 1001234567 })
  })

  it('answers 403 in the observed shape when a scope is missing, v2 as an array', async () => {
    const v2 = await api('GET', '/v2/store', { token: DEMO_LIMITED_CREDENTIALS.accessToken })
    expect(v2).toMatchObject({ status: 403, body: [{ status: 403, message: "You don't have a required scope to access the endpoint" }] })
    const v3 = await api('GET', '/v3/catalog/products', { token: DEMO_LIMITED_CREDENTIALS.accessToken })
    expect(v3).toMatchObject({
      status: 403,
      body: { status: 403, title: "You don't have a required scope to access the endpoint", errors: {} },
    })
  })

  it('answers product detail, list and variants as products_catalog.v3.yml describes', async () => {
    const detail = await api('GET', '/v3/catalog/products/102?include=variants,images,custom_fields')
    expect(validate(productsSpec, responseSchema(productsSpec, '/catalog/products/{product_id}', 'get', 200), detail.body)).toEqual([])
    const variants = (detail.body as { data: { variants: unknown[] } }).data.variants
    expect(variants).toHaveLength(4)
    for (const variant of variants)
      expect(validate(productsSpec, componentSchema(productsSpec, 'productVariant_Full'), variant)).toEqual([])

    const list = await api('GET', '/v3/catalog/products?sort=id&direction=desc&limit=2')
    expect(validate(productsSpec, responseSchema(productsSpec, '/catalog/products', 'get', 200), list.body)).toEqual([])
    expect((list.body as { data: { id: number }[] }).data.map((product) => product.id)).toEqual([103, 102])

    const missing = await api('GET', '/v3/catalog/products/9999')
    expect(missing.status).toBe(404)
    expect(validate(productsSpec, responseSchema(productsSpec, '/catalog/products/{product_id}', 'get', 404), missing.body)).toEqual([])
  })

  it('creates a product from a spec-valid body and answers in the documented shape', async () => {
    const body = { name: 'Canvas Tote', type: 'physical', weight: 1, price: 12.5, sku: 'TOTE' }
    expect(validate(productsSpec, requestSchema(productsSpec, '/catalog/products', 'post'), body)).toEqual([])
    const created = await api('POST', '/v3/catalog/products', { body })
    expect(created.status).toBe(200)
    expect(validate(productsSpec, responseSchema(productsSpec, '/catalog/products', 'post', 200), created.body)).toEqual([])
    const refused = await api('POST', '/v3/catalog/products', { body: { name: 'No price', type: 'physical', weight: 1 } })
    expect(refused).toMatchObject({ status: 422, body: { errors: { price: 'error.path.missing.' } } })
    expect(validate(productsSpec, responseSchema(productsSpec, '/catalog/products', 'post', 422), refused.body)).toEqual([])
    expect((await api('POST', '/v3/catalog/products', { body })).status).toBe(409)
  })
})

describe('orders, customers and variants against their specs', () => {
  it('answers every orders, customers and variants read in the documented shapes', async () => {
    const reads = [
      ['/v2/orders', 'GET /orders'],
      ['/v2/orders/101', 'GET /orders/{order_id}'],
      ['/v2/orders/101/products', 'GET /orders/{order_id}/products'],
      ['/v2/orders/101/shipping_addresses', 'GET /orders/{order_id}/shipping_addresses'],
      ['/v2/orders/101/shipments', 'GET /orders/{order_id}/shipments'],
      ['/v2/orders/101/shipments/1', 'GET /orders/{order_id}/shipments/{shipment_id}'],
      ['/v3/customers?include=addresses,attributes,formfields', 'GET /customers'],
      ['/v3/catalog/variants', 'GET /catalog/variants'],
      ['/v3/catalog/products/102/variants', 'GET /catalog/products/{product_id}/variants'],
      ['/v3/catalog/products/102/variants/203', 'GET /catalog/products/{product_id}/variants/{variant_id}'],
    ] as const
    for (const [path] of reads) expect((await api('GET', path)).status).toBe(200)
    // Each reply was matched to its operation, and the afterEach fails the test on any problem.
    expect(checked.replies.map((reply) => reply.operation.replace(/^\S+ /, ''))).toEqual(reads.map(([, operation]) => operation))
    expect(new Set(checked.replies.map((reply) => reply.operation.split(' ')[0]))).toEqual(
      new Set([ordersSpec.name, customersSpec.name, variantsSpec.name]),
    )
  })

  it('creates orders, shipments and customers in the documented shapes', async () => {
    const order = await api('POST', '/v2/orders', {
      body: { billing_address: { first_name: 'Ada', last_name: 'Lovelace' }, products: [{ product_id: 101, quantity: 1 }] },
    })
    // orders.v2.oas2.yml documents 200 for POST /orders, where shipments answer 201.
    expect(order).toMatchObject({ status: 200, body: { id: 103, order_source: 'external', cart_id: '' } })
    const shipment = await api('POST', '/v2/orders/103/shipments', {
      body: { order_address_id: 4, items: [{ order_product_id: 5, quantity: 1 }] },
    })
    expect(shipment).toMatchObject({ status: 201, body: { order_id: 103 } })
    const customers = await api('POST', '/v3/customers', {
      body: [{ email: 'spec@example.com', first_name: 'Spec', last_name: 'Checked' }],
    })
    expect(customers).toMatchObject({ status: 200, body: { data: [{ email: 'spec@example.com', channel_ids: [1] }] } })
    expect(
      validate(customersSpec, requestSchema(customersSpec, '/customers', 'post'), [
        { email: 'spec@example.com', first_name: 'Spec', last_name: 'Checked' },
      ]),
    ).toEqual([])
    expect(checked.replies.map((reply) => reply.request)).toEqual([
      'POST /v2/orders 200',
      'POST /v2/orders/103/shipments 201',
      'POST /v3/customers 200',
    ])
  })
})

describe('orders, customers, carts and shipments', () => {
  it('lists orders newest first with money as strings and links for sub-resources', async () => {
    const reply = await api('GET', '/v2/orders?sort=date_created:desc&limit=2')
    const orders = reply.body as Record<string, unknown>[]
    expect(orders.map((order) => order['id'])).toEqual([102, 101])
    expect(orders[0]).toMatchObject({
      total_inc_tax: '18.0000',
      products: { url: `https://api.bigcommerce.com/stores/${DEMO_STORE_HASH}/v2/orders/102/products`, resource: '/orders/102/products' },
      shipping_addresses: { resource: '/orders/102/shipping_addresses' },
    })
    expect(String(orders[0]?.['date_created'])).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/)
  })

  it('answers 204 for an order without shipments and v2 404 arrays for unknown orders', async () => {
    expect((await api('GET', '/v2/orders/100/shipments')).status).toBe(204)
    expect(await api('GET', '/v2/orders/999')).toMatchObject({
      status: 404,
      body: [{ status: 404, message: 'The requested resource was not found.' }],
    })
  })

  it('finds customers by id:in and sorts them by date_created', async () => {
    expect((await api('GET', '/v3/customers?id:in=2')).body).toMatchObject({ data: [{ id: 2, email: 'alan@example.com' }] })
    expect((await api('GET', '/v3/customers?sort=date_created:desc&limit=1')).body).toMatchObject({ data: [{ id: 3 }] })
  })

  it('converts a cart at checkout: the cart is gone and two events fire', async () => {
    await api('POST', '/v3/hooks', { body: { scope: 'store/cart/converted', destination: DESTINATION } })
    await api('POST', '/v3/hooks', { body: { scope: 'store/order/created', destination: DESTINATION } })
    const cart = await api('POST', '/v3/carts', { body: { customer_id: 1, line_items: [{ product_id: 101, quantity: 2 }] } })
    expect(cart.status).toBe(201)
    const cartId = (cart.body as { data: { id: string } }).data.id
    expect((await api('GET', `/v3/carts/${cartId}`)).status).toBe(200)
    const checkout = await api('POST', `/v3/checkouts/${cartId}/orders`, { body: {} })
    expect(checkout).toMatchObject({ status: 200, body: { data: { id: 103 } } })
    expect((await api('GET', `/v3/carts/${cartId}`)).status).toBe(404)
    expect((await api('GET', '/v2/orders/103')).body).toMatchObject({ cart_id: cartId, order_source: 'www' })
    await simulator.settled()
    const scopes = sent.map(({ init }) => callbackSchema.parse(JSON.parse(String(init.body))))
    expect(scopes).toEqual([
      expect.objectContaining({ scope: 'store/order/created', data: { type: 'order', id: 103 } }),
      expect.objectContaining({ scope: 'store/cart/converted', data: { type: 'cart', id: cartId, orderId: 103 } }),
    ])
  })

  it('creates customers from an array body and shipments for an order, each delivering its event', async () => {
    await api('POST', '/v3/hooks', { body: { scope: 'store/customer/*', destination: DESTINATION } })
    await api('POST', '/v3/hooks', { body: { scope: 'store/shipment/created', destination: DESTINATION } })
    const customers = await api('POST', '/v3/customers', { body: [{ email: 'new@example.com', first_name: 'New', last_name: 'Person' }] })
    expect(customers).toMatchObject({ status: 200, body: { data: [{ id: 4, email: 'new@example.com' }] } })
    const lines = (await api('GET', '/v2/orders/100/products')).body as { id: number; order_address_id: number; quantity: number }[]
    const line = lines[0]
    if (!line) throw new Error('order 100 has no lines')
    const shipment = await api('POST', '/v2/orders/100/shipments', {
      body: {
        order_address_id: line.order_address_id,
        items: [{ order_product_id: line.id, quantity: line.quantity }],
        tracking_number: 'T1',
      },
    })
    expect(shipment).toMatchObject({ status: 201, body: { id: 2, order_id: 100, tracking_number: 'T1' } })
    expect((await api('GET', '/v2/orders/100')).body).toMatchObject({ items_shipped: line.quantity, status: 'Shipped' })
    await simulator.settled()
    expect(sent.map(({ init }) => callbackSchema.parse(JSON.parse(String(init.body))).data)).toEqual([
      { type: 'customer', id: 4 },
      { type: 'shipment', id: 2, orderId: 100 },
    ])
  })
})

describe('deliveries against webhooks.v3.yml', () => {
  it('posts the documented callback body to the rewritten destination', async () => {
    useHarness({
      rewriteDestination: (destination) => destination.replace('https://hooks.example.test', 'http://127.0.0.1:1'),
      deliveryStatus: 500,
    })
    const rewritten = simulator
    await api('POST', '/v3/hooks', {
      body: { scope: 'store/product/created', destination: DESTINATION, headers: { [TRIGGER_SECRET_HEADER]: 'z' } },
    })
    await api('POST', '/v3/hooks', { body: { scope: 'store/sku/created', destination: DESTINATION } })
    rewritten.createProduct(DEMO_STORE_HASH, { name: 'Delivered' })
    await rewritten.settled()
    expect(sent.map((entry) => entry.url)).toEqual(['http://127.0.0.1:1/hooks/bigcommerce/t1', 'http://127.0.0.1:1/hooks/bigcommerce/t1'])
    const [product, sku] = sent.map(({ init }) => JSON.parse(String(init.body)) as unknown)
    expect(validate(webhooksSpec, componentSchema(webhooksSpec, 'store_product_created'), product)).toEqual([])
    expect(validate(webhooksSpec, componentSchema(webhooksSpec, 'store_sku_created'), sku)).toEqual([])
    expect(product).toMatchObject({
      scope: 'store/product/created',
      store_id: '1001234567',
      producer: `stores/${DEMO_STORE_HASH}`,
      created_at: Math.floor(NOW.getTime() / 1000),
    })
    // Signed too: the demo account has a client secret (deliveries.test.ts checks the signature).
    expect(sent[0]?.init.headers).toEqual({
      [TRIGGER_SECRET_HEADER]: 'z',
      'Content-Type': 'application/json',
      'webhook-id': expect.any(String),
      'webhook-timestamp': String(Math.floor(NOW.getTime() / 1000)),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    })
    expect(rewritten.deliveries.map((attempt) => attempt.status)).toEqual([500, 500])
  })
})

describe('test control', () => {
  it('fails the next matching requests as told, then recovers', async () => {
    const fault = await simulator.app.fetch(
      new Request('http://sim/__simulator/faults', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          method: 'GET',
          pathPattern: '/v2/store$',
          status: 429,
          times: 2,
          headers: { 'X-Rate-Limit-Time-Reset-Ms': '10' },
        }),
      }),
    )
    expect(fault.status).toBe(201)
    const first = await api('GET', '/v2/store')
    expect(first.status).toBe(429)
    expect(first.headers.get('X-Rate-Limit-Time-Reset-Ms')).toBe('10')
    expect(first.body).toEqual([{ status: 429, message: 'Too many requests' }])
    expect((await api('GET', '/v2/store')).status).toBe(429)
    expect((await api('GET', '/v2/store')).status).toBe(200)
  })

  it('snapshots, restores and resets the store', async () => {
    const before = simulator.snapshot()
    simulator.createCustomer(DEMO_STORE_HASH)
    expect(simulator.store(DEMO_STORE_HASH)?.customers).toHaveLength(4)
    simulator.restore(JSON.parse(JSON.stringify(before)))
    expect(simulator.store(DEMO_STORE_HASH)?.customers).toHaveLength(3)
    simulator.createProduct(DEMO_STORE_HASH)
    simulator.reset()
    expect(simulator.store(DEMO_STORE_HASH)?.products).toHaveLength(3)
    expect(() => simulator.restore({ stores: [{ hash: 1 }] })).toThrow(/hash/)
  })

  it('serves a control page whose buttons create records', async () => {
    const page = await (await simulator.app.fetch(new Request('http://sim/'))).text()
    expect(page).toContain('<h1>BigCommerce simulator</h1>')
    expect(page).toContain(DEMO_CREDENTIALS.accessToken)
    expect(page).toContain(`action="/__simulator/stores/${DEMO_STORE_HASH}/create/product"`)
    const created = await simulator.app.fetch(
      new Request(`http://sim/__simulator/stores/${DEMO_STORE_HASH}/create/product`, { method: 'POST' }),
    )
    expect(created.status).toBe(303)
    expect(created.headers.get('Location')).toBe('/?created=product%20104')
    const after = await (await simulator.app.fetch(new Request(`http://sim${created.headers.get('Location') ?? ''}`))).text()
    expect(after).toContain('<p role="status">Created product 104.')
  })
})
