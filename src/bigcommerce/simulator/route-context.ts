import type { Context, Hono } from 'hono'
import { createMiddleware } from 'hono/factory'
import { errorResponse, versionOf } from './http-replies'
import type { StoreEvent } from './store-basics'
import type { ApiAccount, OauthScope, SimulatorState, StoreState } from './store-state'

/**
 * What every area's routes share: the hono env the auth middleware fills in, the simulator's
 * clock and ids, the way to raise events, and the OAuth scope check.
 */

export type SimulatorEnv = { Variables: { store: StoreState; account: ApiAccount } }
export type SimulatorApp = Hono<SimulatorEnv>
export type StoreContext = Context<SimulatorEnv>

export type RouteContext = {
  /** The current state; `restore` and `reset` replace it, so read it per request. */
  state(): SimulatorState
  now(): Date
  randomId(): string
  /** Delivers each event to the store's matching hooks. */
  raise(store: StoreState, events: readonly StoreEvent[]): void
  /** Lifts the store's expired domain blocks and sends what they held back. */
  release(store: StoreState): void
}

export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

const TITLE_401 = 'Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.'
/** Observed on real stores for a token without the endpoint's scope (docs/bigcommerce-api-notes.md §1.5). */
const TITLE_403 = "You don't have a required scope to access the endpoint"

type Area = 'information' | 'products' | 'orders' | 'customers' | 'carts' | 'checkouts'

const AREA_SCOPES: Record<Area, { read: OauthScope; write: OauthScope }> = {
  information: { read: 'store_v2_information_read_only', write: 'store_v2_information' },
  products: { read: 'store_v2_products_read_only', write: 'store_v2_products' },
  orders: { read: 'store_v2_orders_read_only', write: 'store_v2_orders' },
  customers: { read: 'store_v2_customers_read_only', write: 'store_v2_customers' },
  carts: { read: 'store_cart_read_only', write: 'store_cart' },
  checkouts: { read: 'store_checkouts_read_only', write: 'store_checkouts' },
}

/** Auth by `X-Auth-Token` against the store's API accounts, and JSON bodies only. */
export function authenticate(app: SimulatorApp, context: RouteContext) {
  app.use('/stores/:hash/*', async (c, next) => {
    const version = versionOf(c.req.path)
    const store = context.state().stores.find((candidate) => candidate.hash === c.req.param('hash'))
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
}

/** Answers 403 in the observed shape when the token lacks the area's scope; put before a route's handler. */
export function requireScope(area: Area, access: 'read' | 'write') {
  const scopes = AREA_SCOPES[area]
  return createMiddleware<SimulatorEnv>(async (c, next) => {
    const granted = c.get('account').scopes
    if (granted.includes(scopes.write) || (access === 'read' && granted.includes(scopes.read))) return next()
    return errorResponse(c, versionOf(c.req.path), 403, TITLE_403, {})
  })
}
