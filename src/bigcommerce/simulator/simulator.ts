import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod/mini'
import { callbackHash } from '../../contract/events'
import { controlPage } from './control-page'
import { DEMO_STORE } from './demo-store'
import {
  SimulatorError,
  cartInputSchema,
  convertCart,
  createCart,
  createCustomer,
  createOrder,
  createProduct,
  createShipment,
  customerInputSchema,
  nextId,
  orderInputSchema,
  productInputSchema,
  shipmentInputSchema,
  type StoreEvent,
} from './store-operations'
import {
  simulatorStateSchema,
  type ApiAccount,
  type CustomerRecord,
  type HookRecord,
  type OauthScope,
  type OrderRecord,
  type ProductRecord,
  type RecordKind,
  type SeedStore,
  type ShipmentRecord,
  type SimulatorState,
  type StoreState,
} from './store-state'

/**
 * A fake of the parts of BigCommerce's REST API the app calls, faithful to the OpenAPI files
 * in `../openapi/`: auth by `X-Auth-Token`, OAuth scopes, per-client hooks, v2 and v3 reply
 * and error shapes, and webhook deliveries when records are created. It is a hono app, so it
 * answers `app.fetch(request)` in the browser (behind msw) as well as over HTTP in Node.
 */

export type SimulatorOptions = {
  /** Defaults to the demo store. */
  stores?: SeedStore[]
  /** How deliveries are sent; defaults to `fetch`. */
  deliver?: (url: string, init: RequestInit) => Promise<Response>
  /**
   * Where a hook's https destination is really delivered. BigCommerce only delivers to
   * https on port 443, while locally the receiver listens on http://127.0.0.1:PORT:
   * this plays the part of a tunnel such as ngrok.
   */
  rewriteDestination?: (destination: string) => string
  now?: () => Date
  randomId?: () => string
}

export type DeliveryAttempt = {
  id: number
  hookId: number
  scope: string
  /** The hook's destination, as registered. */
  destination: string
  /** Where it was sent after `rewriteDestination`. */
  url: string
  headers: Record<string, string>
  body: string
  /** The receiver's status, or null when it could not be reached. */
  status: number | null
  error: string | null
  at: string
}

const faultSchema = z.object({
  method: z.optional(z.string()),
  /** A regular expression tested against the request path, e.g. `/v3/hooks$`. */
  pathPattern: z.optional(z.string()),
  /** The status to answer with; without one, the request is only delayed. */
  status: z.optional(z.number().check(z.int(), z.minimum(100), z.maximum(599))),
  /** How many matching requests to fail; 1 when omitted. */
  times: z.optional(z.number().check(z.int(), z.minimum(1))),
  headers: z.optional(z.record(z.string(), z.string())),
  /** The reply body; defaults to a BigCommerce error body of the path's API version. */
  body: z.optional(z.unknown()),
  delayMs: z.optional(z.number().check(z.minimum(0))),
})
export type Fault = z.infer<typeof faultSchema>

export type Simulator = {
  app: Hono<SimulatorEnv>
  /** Back to the seed: records, hooks, faults and the delivery log. */
  reset(): void
  /** Every delivery attempt so far, oldest first (a live array). */
  deliveries: DeliveryAttempt[]
  /** Resolves when every delivery started so far has finished. */
  settled(): Promise<void>
  addFault(fault: Fault): void
  store(hash: string): StoreState | undefined
  createProduct(hash: string, input?: Partial<z.input<typeof productInputSchema>>): ProductRecord
  createCustomer(hash: string, input?: Partial<z.input<typeof customerInputSchema>>): CustomerRecord
  /** Through a cart and checkout by default, so both Order Created and Cart Converted fire. */
  createOrder(hash: string, options?: { viaCart?: boolean; productId?: number; customerId?: number }): OrderRecord
  /** Ships what is left of the given order, or of the newest order with something left to ship. */
  createShipment(hash: string, orderId?: number): ShipmentRecord
  create(hash: string, kind: RecordKind): { id: number }
  snapshot(): SimulatorState
  restore(state: unknown): void
}

type SimulatorEnv = { Variables: { store: StoreState; account: ApiAccount } }
type Version = 'v2' | 'v3'

const STATUS_CODES_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes'
const TITLE_401 = 'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.'
/** Observed on real stores for a token without the endpoint's scope (notes §1.5). */
const TITLE_403 = "You don't have a required scope to access the endpoint"
const MAX_HOOKS_PER_SCOPE = 10

type Area = 'information' | 'products' | 'orders' | 'customers' | 'carts' | 'checkouts'

const AREA_SCOPES: Record<Area, { read: OauthScope; write: OauthScope }> = {
  information: { read: 'store_v2_information_read_only', write: 'store_v2_information' },
  products: { read: 'store_v2_products_read_only', write: 'store_v2_products' },
  orders: { read: 'store_v2_orders_read_only', write: 'store_v2_orders' },
  customers: { read: 'store_v2_customers_read_only', write: 'store_v2_customers' },
  carts: { read: 'store_cart_read_only', write: 'store_cart' },
  checkouts: { read: 'store_checkouts_read_only', write: 'store_checkouts' },
}

const hookBodySchema = z.object({
  scope: z.optional(z.string()),
  destination: z.optional(z.string()),
  is_active: z.optional(z.boolean()),
  headers: z.optional(z.nullable(z.record(z.string(), z.string()))),
})

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed: SimulatorState = { stores: structuredClone(options.stores ?? [DEMO_STORE]) }
  let state: SimulatorState = structuredClone(seed)
  let faults: (Fault & { remaining: number })[] = []
  const deliveries: DeliveryAttempt[] = []
  const pending = new Set<Promise<void>>()
  const now = options.now ?? (() => new Date())
  const randomId = options.randomId ?? (() => globalThis.crypto.randomUUID())
  const rewrite = options.rewriteDestination ?? ((destination: string) => destination)
  const send = options.deliver ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init))

  const findStore = (hash: string) => state.stores.find((store) => store.hash === hash)
  const requireStore = (hash: string) => {
    const store = findStore(hash)
    if (!store) throw new Error(`The simulator has no store ${hash}.`)
    return store
  }
  const epochSeconds = () => Math.floor(now().getTime() / 1000)

  // Deliveries go out one at a time, in the order the events happened. BigCommerce promises no
  // order, but concurrent sends finish in a different order on every run (the SHA-1 digest alone
  // runs on a thread pool), which made the delivery log, and tests reading it, flaky.
  let lastDelivery: Promise<void> = Promise.resolve()

  function raise(store: StoreState, events: readonly StoreEvent[]) {
    for (const event of events) {
      for (const hook of store.hooks) {
        if (!hook.is_active || !scopeMatches(hook.scope, event.scope)) continue
        const delivery = lastDelivery.then(() => deliverOnce(store, hook, event))
        lastDelivery = delivery.catch(() => {})
        pending.add(delivery)
        void delivery.finally(() => pending.delete(delivery))
      }
    }
  }

  async function deliverOnce(store: StoreState, hook: HookRecord, event: StoreEvent) {
    const at = now()
    const body = JSON.stringify({
      scope: event.scope,
      store_id: store.storeId,
      data: event.data,
      hash: await callbackHash(event.data),
      created_at: Math.floor(at.getTime() / 1000),
      producer: `stores/${store.hash}`,
    })
    const headers = { ...(hook.headers ?? {}), 'Content-Type': 'application/json' }
    const attempt: DeliveryAttempt = {
      id: deliveries.length + 1,
      hookId: hook.id,
      scope: event.scope,
      destination: hook.destination,
      url: rewrite(hook.destination),
      headers,
      body,
      status: null,
      error: null,
      at: at.toISOString(),
    }
    deliveries.push(attempt)
    try {
      // 3xx counts as a failure on BigCommerce (notes §3.3), so redirects are not followed.
      const response = await send(attempt.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) })
      attempt.status = response.status
      await response.body?.cancel()
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error)
    }
  }

  const app = new Hono<SimulatorEnv>()

  app.onError((error, c) => {
    if (error instanceof SimulatorError) return errorResponse(c, versionOf(c.req.path), error.status, error.message, error.errors)
    return errorResponse(c, versionOf(c.req.path), 500, `Internal error in the simulator: ${error.message}`)
  })

  // ── Test control (not BigCommerce's API) ──────────────────────────────────

  app.get('/', (c) => c.html(controlPage({ stores: state.stores, created: c.req.query('created'), problem: c.req.query('problem') })))

  app.post('/__simulator/faults', async (c) => {
    const parsed = faultSchema.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400)
    faults.push({ ...parsed.data, remaining: parsed.data.times ?? 1 })
    return c.json({ fault: parsed.data }, 201)
  })
  app.delete('/__simulator/faults', (c) => {
    faults = []
    return c.body(null, 204)
  })
  app.get('/__simulator/deliveries', async (c) => {
    await settled()
    return c.json({ deliveries })
  })
  app.post('/__simulator/reset', (c) => {
    reset()
    return c.body(null, 204)
  })
  app.post('/__simulator/stores/:hash/create/:kind', (c) => {
    const kind = c.req.param('kind')
    const hash = c.req.param('hash')
    if (!isRecordKind(kind) || !findStore(hash)) return c.text('Unknown store or record kind.', 404)
    try {
      const { id } = create(hash, kind)
      return c.redirect(`/?created=${encodeURIComponent(`${kind} ${id}`)}`, 303)
    } catch (error) {
      if (!(error instanceof SimulatorError)) throw error
      return c.redirect(`/?problem=${encodeURIComponent(error.message)}`, 303)
    }
  })

  // ── Faults, auth and scopes ───────────────────────────────────────────────

  app.use('/stores/*', async (c, next) => {
    const path = new URL(c.req.url).pathname
    const index = faults.findIndex(
      (fault) =>
        (!fault.method || fault.method.toUpperCase() === c.req.method) && (!fault.pathPattern || new RegExp(fault.pathPattern).test(path)),
    )
    const fault = faults[index]
    if (!fault) return next()
    fault.remaining -= 1
    if (fault.remaining <= 0) faults.splice(index, 1)
    if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
    if (fault.status === undefined) return next()
    const body = fault.body ?? errorBody(versionOf(path), fault.status, fault.status === 429 ? 'Too many requests' : 'Internal Server Error')
    return c.json(body, fault.status as ContentfulStatusCode, fault.headers)
  })

  app.use('/stores/:hash/*', async (c, next) => {
    const version = versionOf(c.req.path)
    const store = findStore(c.req.param('hash'))
    const token = c.req.header('X-Auth-Token')
    const account = store?.accounts.find((candidate) => candidate.accessToken === token)
    if (!store || !account) return errorResponse(c, version, 401, TITLE_401)
    if ((c.req.method === 'POST' || c.req.method === 'PUT') && !/^application\/json\b/i.test(c.req.header('Content-Type') ?? '')) {
      return errorResponse(c, version, 415, 'The Content-Type header must be application/json.')
    }
    c.set('store', store)
    c.set('account', account)
    return next()
  })

  function allowed(c: Context<SimulatorEnv>, area: Area, access: 'read' | 'write'): boolean {
    const scopes = AREA_SCOPES[area]
    const granted = c.get('account').scopes
    return granted.includes(scopes.write) || (access === 'read' && granted.includes(scopes.read))
  }

  function forbidden(c: Context<SimulatorEnv>) {
    return errorResponse(c, versionOf(c.req.path), 403, TITLE_403, {})
  }

  async function readJson(c: Context<SimulatorEnv>): Promise<unknown> {
    try {
      return await c.req.json()
    } catch {
      throw new SimulatorError(400, 'Input is invalid.')
    }
  }

  // ── Webhooks v3 ───────────────────────────────────────────────────────────

  app.get('/stores/:hash/v3/hooks', (c) => {
    const clientId = c.get('account').clientId
    const { scope, destination } = c.req.query()
    const isActive = c.req.query('is_active')
    const hooks = c
      .get('store')
      .hooks.filter((hook) => hook.client_id === clientId)
      .filter((hook) => scope === undefined || hook.scope === scope)
      .filter((hook) => destination === undefined || hook.destination === destination)
      .filter((hook) => isActive === undefined || String(hook.is_active) === isActive)
    return c.json(paginate(hooks, c, 50))
  })

  app.post('/stores/:hash/v3/hooks', async (c) => {
    const store = c.get('store')
    const clientId = c.get('account').clientId
    const input = parseHookBody(await readJson(c), 'create')
    const scope = input.scope ?? ''
    const destination = input.destination ?? ''
    const mine = store.hooks.filter((hook) => hook.client_id === clientId)
    if (mine.some((hook) => hook.scope === scope && hook.destination === destination)) {
      throw new SimulatorError(422, 'A webhook with this scope and destination already exists.', {
        destination: `This API account already has a ${scope} webhook for ${destination}.`,
      })
    }
    if (mine.filter((hook) => hook.scope === scope).length >= MAX_HOOKS_PER_SCOPE) {
      throw new SimulatorError(422, `At most ${MAX_HOOKS_PER_SCOPE} webhooks per scope are allowed.`, {
        scope: `This API account already has ${MAX_HOOKS_PER_SCOPE} ${scope} webhooks.`,
      })
    }
    const at = epochSeconds()
    const hook: HookRecord = {
      // Counted over every store's hooks, so an id is never reused in another store.
      id: nextId(state.stores.flatMap((candidate) => candidate.hooks), 25_000_001),
      client_id: clientId,
      store_hash: store.hash,
      scope,
      destination,
      is_active: input.is_active ?? true,
      headers: nonEmptyHeaders(input.headers),
      created_at: at,
      updated_at: at,
    }
    store.hooks.push(hook)
    return c.json({ data: hook, meta: {} }, 200)
  })

  function ownHook(c: Context<SimulatorEnv>): HookRecord {
    const id = Number(c.req.param('id'))
    const hook = c.get('store').hooks.find((candidate) => candidate.id === id && candidate.client_id === c.get('account').clientId)
    if (!hook) throw new SimulatorError(404, `Webhook with id [${c.req.param('id')}] not found`)
    return hook
  }

  app.get('/stores/:hash/v3/hooks/:id', (c) => c.json({ data: ownHook(c), meta: {} }))

  app.put('/stores/:hash/v3/hooks/:id', async (c) => {
    const hook = ownHook(c)
    const input = parseHookBody(await readJson(c), 'update')
    const scope = input.scope ?? hook.scope
    const destination = input.destination ?? hook.destination
    const clash = c.get('store').hooks.some(
      (other) => other.id !== hook.id && other.client_id === hook.client_id && other.scope === scope && other.destination === destination,
    )
    if (clash) throw new SimulatorError(422, 'A webhook with this scope and destination already exists.', { destination: `Another ${scope} webhook already uses ${destination}.` })
    hook.scope = scope
    hook.destination = destination
    if (input.is_active !== undefined) hook.is_active = input.is_active
    if (input.headers !== undefined) hook.headers = nonEmptyHeaders(input.headers)
    hook.updated_at = epochSeconds()
    return c.json({ data: hook, meta: {} })
  })

  app.delete('/stores/:hash/v3/hooks/:id', (c) => {
    const hook = ownHook(c)
    const store = c.get('store')
    store.hooks = store.hooks.filter((candidate) => candidate !== hook)
    return c.json({ data: hook, meta: {} })
  })

  // ── Store information v2 ──────────────────────────────────────────────────

  app.get('/stores/:hash/v2/store', (c) => {
    if (!allowed(c, 'information', 'read')) return forbidden(c)
    return c.json(storeInformation(c.get('store')))
  })
  app.get('/stores/:hash/v2/time', (c) => {
    if (!allowed(c, 'information', 'read')) return forbidden(c)
    return c.json({ time: epochSeconds() })
  })

  // ── Catalog v3 ────────────────────────────────────────────────────────────

  app.get('/stores/:hash/v3/catalog/products', (c) => {
    if (!allowed(c, 'products', 'read')) return forbidden(c)
    const store = c.get('store')
    const ids = idList(c.req.query('id:in'))
    const sort = c.req.query('sort') ?? 'id'
    const direction = c.req.query('direction') === 'desc' ? -1 : 1
    const products = store.products
      .filter((product) => !ids || ids.includes(product.id))
      .sort((a, b) => direction * compareBy(a, b, sort))
      .map((product) => withIncludes(store, product, c.req.query('include')))
    return c.json(paginate(products, c, 50))
  })

  app.post('/stores/:hash/v3/catalog/products', async (c) => {
    if (!allowed(c, 'products', 'write')) return forbidden(c)
    const store = c.get('store')
    const input = parseOrRefuse(productInputSchema, await readJson(c), 'The product was not valid.')
    const { product, events } = createProduct(store, input, now())
    raise(store, events)
    return c.json({ data: withIncludes(store, product, 'variants'), meta: {} }, 200)
  })

  function ownProduct(c: Context<SimulatorEnv>): ProductRecord {
    const id = Number(c.req.param('productId'))
    const product = c.get('store').products.find((candidate) => candidate.id === id)
    if (!product) throw new SimulatorError(404, 'The requested product was not found.')
    return product
  }

  app.get('/stores/:hash/v3/catalog/products/:productId', (c) => {
    if (!allowed(c, 'products', 'read')) return forbidden(c)
    return c.json({ data: withIncludes(c.get('store'), ownProduct(c), c.req.query('include')), meta: {} })
  })

  app.get('/stores/:hash/v3/catalog/products/:productId/variants', (c) => {
    if (!allowed(c, 'products', 'read')) return forbidden(c)
    const product = ownProduct(c)
    return c.json(paginate(c.get('store').variants.filter((variant) => variant.product_id === product.id), c, 50))
  })

  app.get('/stores/:hash/v3/catalog/products/:productId/variants/:variantId', (c) => {
    if (!allowed(c, 'products', 'read')) return forbidden(c)
    const product = ownProduct(c)
    const id = Number(c.req.param('variantId'))
    const variant = c.get('store').variants.find((candidate) => candidate.id === id && candidate.product_id === product.id)
    if (!variant) throw new SimulatorError(404, 'The requested variant was not found.')
    return c.json({ data: variant, meta: {} })
  })

  app.get('/stores/:hash/v3/catalog/variants', (c) => {
    if (!allowed(c, 'products', 'read')) return forbidden(c)
    const ids = idList(c.req.query('id:in') ?? c.req.query('id'))
    const productIds = idList(c.req.query('product_id:in'))
    const sku = c.req.query('sku')
    const variants = c
      .get('store')
      .variants.filter((variant) => !ids || ids.includes(variant.id))
      .filter((variant) => !productIds || productIds.includes(variant.product_id))
      .filter((variant) => sku === undefined || variant.sku === sku)
      .sort((a, b) => a.id - b.id)
    return c.json(paginate(variants, c, 50))
  })

  // ── Customers v3 ──────────────────────────────────────────────────────────

  app.get('/stores/:hash/v3/customers', (c) => {
    if (!allowed(c, 'customers', 'read')) return forbidden(c)
    const ids = idList(c.req.query('id:in'))
    const emails = c.req.query('email:in')?.split(',').map((email) => email.toLowerCase())
    const [sortKey = 'id', sortDirection = 'asc'] = (c.req.query('sort') ?? 'id:asc').split(':')
    const include = new Set((c.req.query('include') ?? '').split(','))
    const customers = c
      .get('store')
      .customers.filter((customer) => !ids || ids.includes(customer.id))
      .filter((customer) => !emails || emails.includes(customer.email.toLowerCase()))
      .sort((a, b) => (sortDirection === 'desc' ? -1 : 1) * compareBy(a, b, sortKey))
      .map((customer) => ({
        ...customer,
        ...(include.has('addresses') ? { addresses: [] } : {}),
        ...(include.has('attributes') ? { attributes: [] } : {}),
        ...(include.has('formfields') ? { form_fields: [] } : {}),
      }))
    return c.json(paginate(customers, c, 50))
  })

  app.post('/stores/:hash/v3/customers', async (c) => {
    if (!allowed(c, 'customers', 'write')) return forbidden(c)
    const store = c.get('store')
    const inputs = parseOrRefuse(z.array(customerInputSchema).check(z.minLength(1), z.maxLength(10)), await readJson(c), 'The customers were not valid.')
    const created = inputs.map((input) => createCustomer(store, input, now()))
    for (const { events } of created) raise(store, events)
    return c.json({ data: created.map(({ customer }) => customer), meta: {} }, 200)
  })

  // ── Carts and checkouts v3 ────────────────────────────────────────────────

  app.post('/stores/:hash/v3/carts', async (c) => {
    if (!allowed(c, 'carts', 'write')) return forbidden(c)
    const input = parseOrRefuse(cartInputSchema, await readJson(c), 'The cart was not valid.')
    return c.json({ data: createCart(c.get('store'), input, now(), randomId), meta: {} }, 201)
  })

  app.get('/stores/:hash/v3/carts/:cartId', (c) => {
    if (!allowed(c, 'carts', 'read')) return forbidden(c)
    const cart = c.get('store').carts.find((candidate) => candidate.id === c.req.param('cartId'))
    // A converted cart is deleted (notes §5): 404 like any unknown id.
    if (!cart) throw new SimulatorError(404, 'Cart not found')
    return c.json({ data: cart, meta: {} })
  })

  app.post('/stores/:hash/v3/checkouts/:cartId/orders', (c) => {
    if (!allowed(c, 'checkouts', 'write')) return forbidden(c)
    const store = c.get('store')
    const { order, events } = convertCart(store, c.req.param('cartId'), undefined, now())
    raise(store, events)
    return c.json({ data: { id: order.id }, meta: {} }, 200)
  })

  // ── Orders v2 ─────────────────────────────────────────────────────────────

  function ownOrder(c: Context<SimulatorEnv>): OrderRecord {
    const id = Number(c.req.param('orderId'))
    const order = c.get('store').orders.find((candidate) => candidate.id === id)
    if (!order) throw new SimulatorError(404, 'The requested resource was not found.')
    return order
  }

  app.get('/stores/:hash/v2/orders', (c) => {
    if (!allowed(c, 'orders', 'read')) return forbidden(c)
    const [sortKey = 'id', sortDirection = 'asc'] = (c.req.query('sort') ?? 'id:asc').split(':')
    const customerId = c.req.query('customer_id')
    const orders = c
      .get('store')
      .orders.filter((order) => customerId === undefined || String(order.customer_id) === customerId)
      .sort((a, b) => (sortDirection === 'desc' ? -1 : 1) * compareBy(a, b, sortKey))
    return v2List(c, orders)
  })

  app.post('/stores/:hash/v2/orders', async (c) => {
    if (!allowed(c, 'orders', 'write')) return forbidden(c)
    const store = c.get('store')
    const input = parseOrRefuse(orderInputSchema, await readJson(c), 'The order was not valid.')
    const { order, events } = createOrder(store, input, now())
    raise(store, events)
    // 200, not 201: orders.v2.oas2.yml documents only 200 for POST /orders (shipments answer 201).
    return c.json(order, 200)
  })

  app.get('/stores/:hash/v2/orders/:orderId', (c) => {
    if (!allowed(c, 'orders', 'read')) return forbidden(c)
    return c.json(ownOrder(c))
  })

  app.get('/stores/:hash/v2/orders/:orderId/products', (c) => {
    if (!allowed(c, 'orders', 'read')) return forbidden(c)
    const order = ownOrder(c)
    return v2List(c, c.get('store').orderProducts.filter((line) => line.order_id === order.id))
  })

  app.get('/stores/:hash/v2/orders/:orderId/shipping_addresses', (c) => {
    if (!allowed(c, 'orders', 'read')) return forbidden(c)
    const order = ownOrder(c)
    return v2List(c, c.get('store').orderAddresses.filter((address) => address.order_id === order.id))
  })

  app.get('/stores/:hash/v2/orders/:orderId/shipments', (c) => {
    if (!allowed(c, 'orders', 'read')) return forbidden(c)
    const order = ownOrder(c)
    return v2List(c, c.get('store').shipments.filter((shipment) => shipment.order_id === order.id))
  })

  app.post('/stores/:hash/v2/orders/:orderId/shipments', async (c) => {
    if (!allowed(c, 'orders', 'write')) return forbidden(c)
    const store = c.get('store')
    const order = ownOrder(c)
    const input = parseOrRefuse(shipmentInputSchema, await readJson(c), 'The shipment was not valid.')
    const { shipment, events } = createShipment(store, order.id, input, now())
    raise(store, events)
    return c.json(shipment, 201)
  })

  app.get('/stores/:hash/v2/orders/:orderId/shipments/:shipmentId', (c) => {
    if (!allowed(c, 'orders', 'read')) return forbidden(c)
    const order = ownOrder(c)
    const id = Number(c.req.param('shipmentId'))
    const shipment = c.get('store').shipments.find((candidate) => candidate.id === id && candidate.order_id === order.id)
    if (!shipment) throw new SimulatorError(404, 'The requested resource was not found.')
    return c.json(shipment)
  })

  app.all('/stores/:hash/*', (c) => errorResponse(c, versionOf(c.req.path), 404, 'The requested resource was not found.'))

  // ── Helpers for tests, the control page and the demo ──────────────────────

  const simulator: Simulator = {
    app,
    deliveries,
    reset,
    settled,
    addFault(fault) {
      const parsed = faultSchema.parse(fault)
      faults.push({ ...parsed, remaining: parsed.times ?? 1 })
    },
    store: findStore,
    createProduct(hash, input = {}) {
      const store = requireStore(hash)
      const n = nextId(store.products, 1)
      const { product, events } = createProduct(
        store,
        productInputSchema.parse({ name: `Sample Product ${n}`, type: 'physical', weight: 1, price: 10 + n, sku: `SAMPLE-${n}`, ...input }),
        now(),
      )
      raise(store, events)
      return product
    },
    createCustomer(hash, input = {}) {
      const store = requireStore(hash)
      const n = nextId(store.customers, 1)
      const { customer, events } = createCustomer(
        store,
        customerInputSchema.parse({ email: `shopper${n}@example.com`, first_name: 'Sample', last_name: `Shopper ${n}`, ...input }),
        now(),
      )
      raise(store, events)
      return customer
    },
    createOrder(hash, { viaCart = true, productId, customerId } = {}) {
      const store = requireStore(hash)
      const product = productId ?? store.products.at(-1)?.id
      if (product === undefined) throw new SimulatorError(422, 'The store has no products to order; create a product first.')
      const customer = customerId ?? store.customers[0]?.id ?? 0
      const line = [{ product_id: product, quantity: 1 }]
      const { order, events } = viaCart
        ? convertCart(store, createCart(store, { customer_id: customer, line_items: line }, now(), randomId).id, undefined, now())
        : createOrder(store, { customer_id: customer, billing_address: { first_name: 'Sample', last_name: 'Shopper' }, products: line }, now())
      raise(store, events)
      return order
    },
    createShipment(hash, orderId) {
      const store = requireStore(hash)
      const order = [...store.orders]
        .reverse()
        .find((candidate) => (orderId === undefined || candidate.id === orderId) && candidate.items_shipped < candidate.items_total)
      if (!order) throw new SimulatorError(422, 'No order has items left to ship; create an order first.')
      const lines = store.orderProducts.filter((line) => line.order_id === order.id && line.quantity_shipped < line.quantity)
      const [first] = lines
      if (!first) throw new SimulatorError(422, `Order ${order.id} has nothing left to ship.`)
      const { shipment, events } = createShipment(
        store,
        order.id,
        { order_address_id: first.order_address_id, items: lines.map((line) => ({ order_product_id: line.id, quantity: line.quantity - line.quantity_shipped })) },
        now(),
      )
      raise(store, events)
      return shipment
    },
    create(hash, kind) {
      switch (kind) {
        case 'product':
          return simulator.createProduct(hash)
        case 'customer':
          return simulator.createCustomer(hash)
        case 'order':
          return simulator.createOrder(hash)
        case 'shipment':
          return simulator.createShipment(hash)
      }
    },
    snapshot: () => structuredClone(state),
    restore(json) {
      state = simulatorStateSchema.parse(json)
    },
  }
  const create = simulator.create

  function reset() {
    state = structuredClone(seed)
    faults = []
    deliveries.length = 0
  }

  async function settled() {
    while (pending.size > 0) await Promise.allSettled([...pending])
  }

  function storeInformation(store: StoreState) {
    return {
      id: store.hash,
      account_uuid: '8d4d492f-17a1-4d95-b396-e1c5720815a5',
      domain: `${store.hash}.example.com`,
      secure_url: `https://${store.hash}.example.com`,
      control_panel_base_url: `https://store-${store.hash}.mybigcommerce.com`,
      status: 'live',
      name: store.name,
      first_name: 'Jane',
      last_name: 'Doe',
      address: `${store.name}\n1 Main Street\nAustin, Texas 78701`,
      country: 'United States',
      country_code: 'US',
      infrastructure_region: 'us-central1',
      phone: '555-123-4567',
      admin_email: `admin@${store.hash}.example.com`,
      order_email: `orders@${store.hash}.example.com`,
      favicon_url: '',
      timezone: {
        name: 'America/Chicago',
        raw_offset: -21600,
        dst_offset: -18000,
        dst_correction: true,
        date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
      },
      language: 'en',
      currency: 'USD',
      currency_symbol: '$',
      decimal_separator: '.',
      thousands_separator: ',',
      decimal_places: 2,
      currency_symbol_location: 'left',
      weight_units: 'LBS',
      dimension_units: 'Inches',
      dimension_decimal_places: 2,
      dimension_decimal_token: '.',
      dimension_thousands_token: ',',
      plan_name: 'Standard',
      plan_level: 'Standard',
      plan_is_trial: false,
      industry: 'Retail',
      logo: [],
      is_price_entered_with_tax: false,
      // An integer here, though deliveries carry it as a string (store_information.v2.yml).
      store_id: Number(store.storeId),
      default_channel_id: 1,
      default_site_id: 1000,
      active_comparison_modules: [],
      features: {
        stencil_enabled: true,
        sitewidehttps_enabled: true,
        facebook_catalog_id: '',
        checkout_type: 'optimized',
        wishlists_enabled: false,
        graphql_storefront_api_enabled: true,
        shopper_consent_tracking_enabled: true,
        multi_storefront_enabled: false,
        storefront_limits: { active: 1, total_including_inactive: 1 },
      },
    }
  }

  return simulator
}

// ── Shared helpers ──────────────────────────────────────────────────────────

function isRecordKind(kind: string): kind is RecordKind {
  return kind === 'product' || kind === 'customer' || kind === 'order' || kind === 'shipment'
}

function versionOf(path: string): Version {
  return /\/v2(\/|$)/.test(path) ? 'v2' : 'v3'
}

function errorBody(version: Version, status: number, title: string, errors?: Record<string, string>) {
  if (version === 'v2') return [{ status, message: title, ...(errors && Object.keys(errors).length > 0 ? { details: errors } : {}) }]
  return { status, title, type: STATUS_CODES_TYPE, ...(errors ? { errors } : {}) }
}

function errorResponse(c: Context, version: Version, status: number, title: string, errors?: Record<string, string>) {
  return c.json(errorBody(version, status, title, errors), status as ContentfulStatusCode)
}

/** Refuses like BigCommerce: 422 with one message per field, `error.path.missing.` when absent. */
function parseOrRefuse<T>(schema: z.ZodMiniType<T>, body: unknown, title: string): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'body'
    errors[key] ??= valueAt(body, issue.path) === undefined ? 'error.path.missing.' : issue.message
  }
  throw new SimulatorError(422, title, errors)
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function parseHookBody(body: unknown, mode: 'create' | 'update') {
  const input = parseOrRefuse(hookBodySchema, body, 'JSON data is missing or invalid')
  const errors: Record<string, string> = {}
  if (mode === 'create') {
    if (input.scope === undefined) errors['scope'] = 'error.path.missing.'
    if (input.destination === undefined) errors['destination'] = 'error.path.missing.'
  } else if (Object.values(input).every((value) => value === undefined)) {
    throw new SimulatorError(422, 'At least one field is required to perform an update.')
  }
  if (input.scope !== undefined && !/^store\/[A-Za-z0-9_/*{}-]+$/.test(input.scope)) {
    errors['scope'] = `${input.scope} is not a webhook scope.`
  }
  if (input.destination !== undefined && !isHttps443(input.destination)) {
    errors['destination'] = 'The destination must be an https URL served on port 443; custom ports are not supported.'
  }
  if (Object.keys(errors).length > 0) throw new SimulatorError(422, 'JSON data is missing or invalid', errors)
  return input
}

function isHttps443(destination: string): boolean {
  try {
    const url = new URL(destination)
    return url.protocol === 'https:' && (url.port === '' || url.port === '443')
  } catch {
    return false
  }
}

function nonEmptyHeaders(headers: Record<string, string> | null | undefined): Record<string, string> | null {
  return headers && Object.keys(headers).length > 0 ? headers : null
}

/** A hook on `store/product/*` gets `store/product/created`, and so on. */
function scopeMatches(hookScope: string, eventScope: string): boolean {
  return hookScope === eventScope || (hookScope.endsWith('/*') && eventScope.startsWith(hookScope.slice(0, -1)))
}

function idList(value: string | undefined): number[] | undefined {
  return value === undefined ? undefined : value.split(',').map(Number).filter(Number.isInteger)
}

function compareBy(a: Record<string, unknown>, b: Record<string, unknown>, key: string): number {
  const left = sortValue(a[key])
  const right = sortValue(b[key])
  if (left < right) return -1
  if (left > right) return 1
  return (typeof a['id'] === 'number' ? a['id'] : 0) - (typeof b['id'] === 'number' ? b['id'] : 0)
}

function sortValue(value: unknown): number | string {
  if (typeof value === 'number') return value
  if (typeof value === 'string') {
    const date = /\d{4}|\d{2}:\d{2}/.test(value) ? Date.parse(value) : Number.NaN
    return Number.isNaN(date) ? value.toLowerCase() : date
  }
  return ''
}

function pageParams(c: Context, defaultLimit: number) {
  const limit = Math.min(250, Math.max(1, Number(c.req.query('limit') ?? defaultLimit) || defaultLimit))
  const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1)
  return { limit, page }
}

/** v3 lists: `{data, meta: {pagination}}`. */
function paginate<T>(items: readonly T[], c: Context, defaultLimit: number) {
  const { limit, page } = pageParams(c, defaultLimit)
  const data = items.slice((page - 1) * limit, page * limit)
  const totalPages = Math.max(1, Math.ceil(items.length / limit))
  const linkTo = (target: number) => `?page=${target}&limit=${limit}`
  return {
    data,
    meta: {
      pagination: {
        total: items.length,
        count: data.length,
        per_page: limit,
        current_page: page,
        total_pages: totalPages,
        links: {
          ...(page > 1 ? { previous: linkTo(page - 1) } : {}),
          current: linkTo(page),
          ...(page < totalPages ? { next: linkTo(page + 1) } : {}),
        },
      },
    },
  }
}

/** v2 lists: a bare array, or 204 with no body when empty. */
function v2List<T>(c: Context, items: readonly T[]) {
  const { limit, page } = pageParams(c, 50)
  const data = items.slice((page - 1) * limit, page * limit)
  return data.length === 0 ? c.body(null, 204) : c.json(data)
}

function withIncludes(store: StoreState, product: ProductRecord, include: string | undefined) {
  const wanted = new Set((include ?? '').split(',').map((part) => part.trim()))
  return {
    ...product,
    ...(wanted.has('variants') ? { variants: store.variants.filter((variant) => variant.product_id === product.id) } : {}),
    ...(wanted.has('images') ? { images: [] } : {}),
    ...(wanted.has('custom_fields') ? { custom_fields: [] } : {}),
    ...(wanted.has('bulk_pricing_rules') ? { bulk_pricing_rules: [] } : {}),
    ...(wanted.has('modifiers') ? { modifiers: [] } : {}),
    ...(wanted.has('options') ? { options: [] } : {}),
    ...(wanted.has('videos') ? { videos: [] } : {}),
    ...(wanted.has('channels') ? { channels: [1] } : {}),
  }
}

