import { Hono } from 'hono'
import type * as z from 'zod/mini'
import { binRoutes } from './bin-routes'
import { cartsRoutes } from './carts-routes'
import { catalogRoutes } from './catalog-routes'
import { controlRoutes } from './control-routes'
import { customersRoutes } from './customers-routes'
import { DEMO_STORE } from './demo-store'
import { createDeliveries, type DeliveryAttempt } from './deliveries'
import { createFaults, faultSchema, type Fault } from './faults'
import { blockDomain, deactivateHook, domainBlockSchema, unblockDomain, type DomainBlock } from './hook-faults'
import { hooksRoutes } from './hooks-routes'
import { errorResponse, versionOf } from './http-replies'
import { ordersRoutes } from './orders-routes'
import { authenticate, type RouteContext, type SimulatorEnv } from './route-context'
import { createRequestBins, type RequestBins } from './request-bin'
import { storeRoutes } from './store-routes'
import { convertCart, createCart } from './carts-operations'
import { createProduct, productInputSchema } from './catalog-operations'
import { createCustomer, customerInputSchema } from './customers-operations'
import { createOrder, createShipment } from './orders-operations'
import { SimulatorError, nextId } from './store-basics'
import {
  simulatorStateSchema,
  type BlockedDomain,
  type CustomerRecord,
  type HookRecord,
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
 * Each API area's routes live in their own `*-routes.ts` over the shared state.
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
  /** Cart ids and `webhook-id`s. */
  randomId?: () => string
}

export type Simulator = {
  app: Hono<SimulatorEnv>
  /** Back to the seed: records, hooks, faults, blocks, the delivery log, the request bins and the clock. */
  reset(): void
  /** Runs the simulator's clock this many seconds off the real one (negative: behind). */
  setClockOffset(seconds: number): void
  /** Every delivery attempt so far, oldest first (a live array). */
  deliveries: DeliveryAttempt[]
  /** The request bins at `/bin/{name}`: a destination for action steps, kept apart from the stores' state. */
  bins: RequestBins
  /** Resolves when every delivery started so far has finished. */
  settled(): Promise<void>
  addFault(fault: Fault): void
  clearFaults(): void
  /** Switches a hook off as BigCommerce does after 48 hours of failures: `is_active` false, `deactivated` in `/v3/hooks/admin`. */
  deactivateHook(hash: string, hookId: number): HookRecord
  /** Denylists a destination domain: its hooks get nothing until it is lifted or expires, then what was held. */
  blockDomain(hash: string, block: DomainBlock): BlockedDomain[]
  unblockDomain(hash: string, domain: string): void
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

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const seed: SimulatorState = { stores: structuredClone(options.stores ?? [DEMO_STORE]) }
  let state: SimulatorState = structuredClone(seed)
  const clock = options.now ?? (() => new Date())
  // Tests move the simulated BigCommerce's clock, e.g. behind, to send deliveries signed too long ago.
  let clockOffsetMs = 0
  const now = () => new Date(clock().getTime() + clockOffsetMs)
  const randomId = options.randomId ?? (() => globalThis.crypto.randomUUID())
  const faults = createFaults()
  const bins = createRequestBins({ now })
  const deliveries = createDeliveries({
    send: options.deliver ?? ((url, init) => globalThis.fetch(url, init)),
    rewrite: options.rewriteDestination ?? ((destination) => destination),
    now,
    randomId,
  })
  const context: RouteContext = { state: () => state, now, randomId, raise: deliveries.raise, release: deliveries.release }

  const findStore = (hash: string) => state.stores.find((store) => store.hash === hash)
  const requireStore = (hash: string) => {
    const store = findStore(hash)
    if (!store) throw new SimulatorError(404, `The simulator has no store ${hash}.`)
    return store
  }

  const app = new Hono<SimulatorEnv>()
  app.onError((error, c) => {
    if (error instanceof SimulatorError) return errorResponse(c, versionOf(c.req.path), error.status, error.message, error.errors)
    return errorResponse(c, versionOf(c.req.path), 500, `Internal error in the simulator: ${error.message}`)
  })

  const simulator: Simulator = {
    app,
    deliveries: deliveries.log,
    bins,
    reset() {
      state = structuredClone(seed)
      faults.clear()
      deliveries.reset()
      bins.reset()
      clockOffsetMs = 0
    },
    setClockOffset(seconds) {
      clockOffsetMs = seconds * 1000
    },
    settled: deliveries.settled,
    addFault(fault) {
      faults.add(faultSchema.parse(fault))
    },
    clearFaults: faults.clear,
    deactivateHook(hash, hookId) {
      return deactivateHook(requireStore(hash), hookId, now())
    },
    blockDomain(hash, block) {
      return blockDomain(requireStore(hash), domainBlockSchema.parse(block), now())
    },
    unblockDomain(hash, domain) {
      const store = requireStore(hash)
      unblockDomain(store, domain)
      deliveries.release(store)
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
      deliveries.raise(store, events)
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
      deliveries.raise(store, events)
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
        : createOrder(
            store,
            { customer_id: customer, billing_address: { first_name: 'Sample', last_name: 'Shopper' }, products: line },
            now(),
          )
      deliveries.raise(store, events)
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
        {
          order_address_id: first.order_address_id,
          items: lines.map((line) => ({ order_product_id: line.id, quantity: line.quantity - line.quantity_shipped })),
        },
        now(),
      )
      deliveries.raise(store, events)
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

  controlRoutes(app, simulator)
  binRoutes(app, bins)
  faults.install(app)
  authenticate(app, context)
  hooksRoutes(app, context)
  storeRoutes(app, context)
  catalogRoutes(app, context)
  customersRoutes(app, context)
  cartsRoutes(app, context)
  ordersRoutes(app, context)
  app.all('/stores/:hash/*', (c) => errorResponse(c, versionOf(c.req.path), 404, 'The requested resource was not found.'))
  return simulator
}
