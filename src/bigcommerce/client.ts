import * as z from 'zod/mini'
import type { ReadArea } from '../contract/api'
import { countOf } from '../contract/count-words'
import { BackendError } from '../contract/errors'
import type { Callback, EventScope } from '../contract/events'
import { eventDefinition } from '../connectors/bigcommerce'
import type { EventDefinition } from '../connectors/connector-definition'
import type { EventRecord } from '../core/event-record'
import { validationError } from '../core/validation-error'
import type { Hook, HookInput, StoreCredentials, StorePlatform } from '../core/ports'
import {
  customerListReplySchema,
  customerSchema,
  hookListReplySchema,
  hookReplySchema,
  hooksAdminReplySchema,
  pagedHookListReplySchema,
  orderListSchema,
  orderSchema,
  productListReplySchema,
  productReplySchema,
  productSchema,
  shipmentListSchema,
  shipmentSchema,
  storeInformationSchema,
  v2ErrorSchema,
  v3ErrorSchema,
  variantListReplySchema,
  variantSchema,
  type HookReply,
} from './reply-schemas'

export const BIGCOMMERCE_API_URL = 'https://api.bigcommerce.com'

export type BigcommerceClientOptions = {
  /** Base of the API; the simulator's URL in tests and the demo. */
  apiUrl?: string
  fetch?: typeof fetch
  /** Per attempt. */
  timeoutMs?: number
  /** Attempts per request, counting the first; 429s and 5xx use them up. */
  maxAttempts?: number
  sleep?: (ms: number) => Promise<void>
  /** Upper bound on one wait after a 429, whatever `X-Rate-Limit-Time-Reset-Ms` says. */
  maxRateLimitWaitMs?: number
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

type RequestSpec = {
  method: Method
  /** Below `/stores/{hash}`, starting with `/v2/` or `/v3/`. */
  path: string
  query?: Record<string, string>
  body?: unknown
  /** Words for messages, e.g. `product 12`. */
  what: string
  /** The scope a 403 means the token lacks, so the message can say what to tick. */
  readScope?: ReadScope
}

type ReadScope = EventDefinition['readScope']

/** Each event's record is checked as the latest-record lookups check it, then handed through untouched. */
const recordSchemas = {
  'store/product/created': productSchema,
  'store/order/created': orderSchema,
  'store/cart/converted': orderSchema,
  'store/customer/created': customerSchema,
  'store/shipment/created': shipmentSchema,
  'store/sku/created': variantSchema,
} satisfies Record<EventScope, z.ZodMiniType<Record<string, unknown>>>

/**
 * How BigCommerce serves each event's record (notes §5). `path` is below `/stores/{hash}` and is
 * what the UI shows as the request; `include` embeds sub-resources without lengthening it.
 */
type RecordRequest = { path: string; include?: string; reply: 'v2-record' | 'v3-data' | 'v3-first-of-list' }

function recordRequest(event: EventRecord): RecordRequest {
  switch (event.scope) {
    case 'store/product/created':
      return { path: `/v3/catalog/products/${event.data.id}`, include: 'variants,images,custom_fields', reply: 'v3-data' }
    case 'store/order/created':
      return { path: `/v2/orders/${event.data.id}`, reply: 'v2-record' }
    case 'store/cart/converted':
      // BigCommerce deletes a converted cart (notes §5), so the record is the order it became.
      return { path: `/v2/orders/${event.data.orderId}`, reply: 'v2-record' }
    case 'store/customer/created':
      // v3 has no "get one customer" path: a filtered list is the documented way (notes §5).
      return {
        path: `/v3/customers?id:in=${event.data.id}`,
        include: 'addresses,storecredit,attributes,formfields',
        reply: 'v3-first-of-list',
      }
    case 'store/shipment/created':
      return { path: `/v2/orders/${event.data.orderId}/shipments/${event.data.id}`, reply: 'v2-record' }
    case 'store/sku/created':
      return { path: `/v3/catalog/products/${event.data.sku.product_id}/variants/${event.data.sku.variant_id}`, reply: 'v3-data' }
  }
}

/**
 * One list request per area, for a single record: the cheapest call each scope guards (the
 * simulator checks them as BigCommerce does, route-context.ts). Only the status matters.
 */
const READ_PROBES: Record<ReadArea, { path: string; what: string }> = {
  products: { path: '/v3/catalog/products', what: 'the products' },
  orders: { path: '/v2/orders', what: 'the orders' },
  customers: { path: '/v3/customers', what: 'the customers' },
}

const BACKOFF_MS = [250, 500, 1000, 2000]
/** A 429 without reset headers means platform load, not our quota (notes §1.6): wait longer. */
const UNTIMED_RATE_LIMIT_WAIT_MS = 5000
/** The v2 list endpoints page at most this many records. */
const V2_PAGE_LIMIT = 50

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function bigcommerceClient(options: BigcommerceClientOptions = {}): StorePlatform {
  const apiUrl = (options.apiUrl ?? BIGCOMMERCE_API_URL).replace(/\/+$/, '')
  // Resolved per call so that msw, which patches globalThis.fetch after import, is honoured.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4)
  const sleep = options.sleep ?? defaultSleep
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 15_000

  async function request(credentials: StoreCredentials, spec: RequestSpec): Promise<unknown> {
    const hash = credentials.storeHash
    const url = new URL(`${apiUrl}/stores/${encodeURIComponent(hash)}${spec.path}`)
    for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.set(key, value)
    const headers = requestHeaders(credentials, spec.body !== undefined)
    const label = `${spec.method} ${spec.path}`
    const secrets = secretsOf(credentials, spec.body)

    let lastProblem = ''
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const isLast = attempt === maxAttempts
      let status: number
      let text: string
      let resetMs: number | undefined
      try {
        const response = await fetchImpl(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: AbortSignal.timeout(timeoutMs),
        })
        status = response.status
        resetMs = headerNumber(response.headers.get('X-Rate-Limit-Time-Reset-Ms'))
        text = await response.text()
      } catch (error) {
        // A hung gateway rarely recovers within seconds, and the user is waiting: no retry.
        if (isTimeout(error)) {
          throw new BackendError(
            'upstream_error',
            `BigCommerce did not answer ${label} for store ${hash} within ${formatSeconds(timeoutMs)}; it timed out. Try again in a moment.`,
          )
        }
        lastProblem = `could not be reached (${describeNetworkError(error)})`
        if (isLast) break
        await sleep(backoffMs(attempt))
        continue
      }

      if (status >= 200 && status < 300) return parseJson(text, status, label)

      const body = safeJson(text)
      if (status === 429) {
        lastProblem = 'kept answering 429 Too Many Requests'
        if (isLast) {
          throw new BackendError(
            'rate_limited',
            `BigCommerce is rate-limiting store ${hash} (429 Too Many Requests on ${label}). Try again in a minute.`,
          )
        }
        await sleep(Math.min(resetMs ?? Math.max(UNTIMED_RATE_LIMIT_WAIT_MS, backoffMs(attempt)), maxRateLimitWaitMs))
        continue
      }
      if (status >= 500) {
        lastProblem = `answered ${status}${withDetail(describeBody(body, secrets))}`
        if (isLast) break
        await sleep(backoffMs(attempt))
        continue
      }
      throw errorForStatus(status, describeBody(body, secrets), spec, hash)
    }
    throw new BackendError(
      'upstream_error',
      `BigCommerce ${lastProblem} for ${label} on store ${hash}, after ${countOf(maxAttempts, { one: 'attempt', other: 'attempts' })}. Try again later.`,
    )
  }

  async function get<T>(credentials: StoreCredentials, schema: z.ZodMiniType<T>, spec: Omit<RequestSpec, 'method'>): Promise<T> {
    return parseReply(schema, await request(credentials, { ...spec, method: 'GET' }), spec.what)
  }

  /** v2 lists answer 204 with no body when empty. */
  async function getV2List<T>(credentials: StoreCredentials, schema: z.ZodMiniType<T[]>, spec: Omit<RequestSpec, 'method'>): Promise<T[]> {
    const reply = await request(credentials, { ...spec, method: 'GET' })
    return reply === undefined ? [] : parseReply(schema, reply, spec.what)
  }

  async function latestOrders(credentials: StoreCredentials, limit: number, readScope: ReadScope) {
    return getV2List(credentials, orderListSchema, {
      path: '/v2/orders',
      query: { sort: 'date_created:desc', limit: String(limit) },
      what: 'the latest orders',
      readScope,
    })
  }

  async function latestVariant(credentials: StoreCredentials, readScope: ReadScope) {
    // /catalog/variants has no documented sort (notes §5.1): read the last page, take the highest id.
    const limit = 250
    const first = await get(credentials, variantListReplySchema, {
      path: '/v3/catalog/variants',
      query: { limit: String(limit) },
      what: 'the variants',
      readScope,
    })
    const totalPages = first.meta?.pagination?.total_pages ?? 1
    const page =
      totalPages > 1
        ? await get(credentials, variantListReplySchema, {
            path: '/v3/catalog/variants',
            query: { limit: String(limit), page: String(totalPages) },
            what: 'the variants',
            readScope,
          })
        : first
    return highestId(page.data)
  }

  const client: StorePlatform = {
    async verifyCredentials(credentials) {
      await get(credentials, hookListReplySchema, { path: '/v3/hooks', query: { limit: '1' }, what: 'the webhooks' })
      try {
        const store = await get(credentials, storeInformationSchema, { path: '/v2/store', what: 'the store information' })
        return {
          storeName: store.name.trim() === '' ? credentials.storeHash : store.name,
          storeId: store.store_id === undefined ? null : String(store.store_id),
        }
      } catch (error) {
        // A valid token without Information & Settings: the hash is name enough (notes §4.1).
        if (error instanceof BackendError && error.code === 'missing_scope') return { storeName: credentials.storeHash, storeId: null }
        throw error
      }
    },

    async canRead(credentials, area) {
      const probe = READ_PROBES[area]
      try {
        await request(credentials, { method: 'GET', path: probe.path, query: { limit: '1' }, what: probe.what })
        return true
      } catch (error) {
        if (error instanceof BackendError && error.code === 'missing_scope') return false
        throw error
      }
    },

    async findHooks(credentials, filter) {
      const reply = await get(credentials, hookListReplySchema, {
        path: '/v3/hooks',
        query: { scope: filter.scope, destination: filter.destination, limit: '250' },
        what: 'the webhooks',
      })
      // Filtered again here in case BigCommerce ever matches loosely.
      return reply.data.filter((hook) => hook.scope === filter.scope && hook.destination === filter.destination).map(toHook)
    },

    async createHook(credentials, input) {
      try {
        const reply = await request(credentials, {
          method: 'POST',
          path: '/v3/hooks',
          body: hookBody(input),
          what: `a ${input.scope} webhook`,
        })
        return toHook(parseReply(hookReplySchema, reply, 'the new webhook').data)
      } catch (error) {
        // One hook per client + scope + destination (notes §1.8): adopt the one that exists.
        if (!(error instanceof BackendError) || error.code !== 'validation_failed') throw error
        const [existing] = await client.findHooks(credentials, input)
        if (!existing) throw error
        return client.updateHook(credentials, existing.id, input)
      }
    },

    async updateHook(credentials, hookId, input) {
      const reply = await request(credentials, {
        method: 'PUT',
        path: `/v3/hooks/${hookId}`,
        body: hookBody(input),
        what: `webhook ${hookId}`,
      })
      return toHook(parseReply(hookReplySchema, reply, `webhook ${hookId}`).data)
    },

    async deleteHook(credentials, hookId) {
      try {
        await request(credentials, { method: 'DELETE', path: `/v3/hooks/${hookId}`, what: `webhook ${hookId}` })
      } catch (error) {
        if (error instanceof BackendError && error.code === 'not_found') return
        throw error
      }
    },

    async listHooksAt(credentials, destination) {
      const hooks: Hook[] = []
      // 250 is the most a page holds; one destination has a hook per scope, so one page as a rule.
      for (let page = 1; ; page++) {
        const reply = await get(credentials, pagedHookListReplySchema, {
          path: '/v3/hooks',
          query: { destination, limit: '250', page: String(page) },
          what: 'the webhooks',
        })
        hooks.push(...reply.data.filter((hook) => hook.destination === destination).map(toHook))
        if (page >= (reply.meta?.pagination?.total_pages ?? 1)) return hooks
      }
    },

    async blockedDomains(credentials) {
      const reply = await get(credentials, hooksAdminReplySchema, { path: '/v3/hooks/admin', what: 'the webhook status' })
      return (reply.data.blocked_domains ?? []).map((block) => ({
        destination: block.destination,
        timeLeftSeconds: block.time_left,
        reasons: (block.reasons ?? []).flatMap((reason) => (reason.failure_description ? [reason.failure_description] : [])),
      }))
    },

    latestEventData,

    async fetchEventRecord(credentials, event) {
      const call = recordRequest(event)
      // Mid-sentence in the client's messages: `order 9`, `variant 509 of product 206`.
      const what = event.subject.charAt(0).toLowerCase() + event.subject.slice(1)
      const reply = await request(credentials, {
        method: 'GET',
        path: call.path,
        query: call.include === undefined ? undefined : { include: call.include },
        what,
        readScope: eventDefinition(event.scope).readScope,
      })
      const record = recordSchemas[event.scope]
      const missing = () => new BackendError('not_found', `Store ${credentials.storeHash} has no ${what}.`)
      const shown = { request: `GET ${call.path}` }
      switch (call.reply) {
        case 'v2-record':
          // v2 answers 204 with no body for a record it does not have.
          if (reply === undefined) throw missing()
          return { record: parseReply(record, reply, what), ...shown }
        case 'v3-data':
          return { record: parseReply(z.object({ data: record }), reply, what).data, ...shown }
        case 'v3-first-of-list': {
          const [first] = parseReply(z.object({ data: z.array(record) }), reply, what).data
          if (!first) throw missing()
          return { record: first, ...shown }
        }
      }
    },
  }

  async function latestEventData(
    credentials: StoreCredentials,
    scope: EventScope,
  ): Promise<{ data: Callback['data']; createdAt: number } | null> {
    // Every call below reads the area of the event's record, so a 403 means its read scope.
    const { readScope } = eventDefinition(scope)
    switch (scope) {
      case 'store/product/created': {
        const reply = await get(credentials, productListReplySchema, {
          path: '/v3/catalog/products',
          query: { sort: 'id', direction: 'desc', limit: '1' },
          what: 'the latest product',
          readScope,
        })
        const [product] = reply.data
        return product ? { data: { type: 'product', id: product.id }, createdAt: unixSeconds(product.date_created) } : null
      }
      case 'store/order/created': {
        const [order] = await latestOrders(credentials, 1, readScope)
        return order ? { data: { type: 'order', id: order.id }, createdAt: unixSeconds(order.date_created) } : null
      }
      case 'store/cart/converted': {
        const order = (await latestOrders(credentials, V2_PAGE_LIMIT, readScope)).find((candidate) => (candidate.cart_id ?? '') !== '')
        return order?.cart_id
          ? { data: { type: 'cart', id: order.cart_id, orderId: order.id }, createdAt: unixSeconds(order.date_created) }
          : null
      }
      case 'store/customer/created': {
        const reply = await get(credentials, customerListReplySchema, {
          path: '/v3/customers',
          query: { sort: 'date_created:desc', limit: '1' },
          what: 'the latest customer',
          readScope,
        })
        const [customer] = reply.data
        return customer ? { data: { type: 'customer', id: customer.id }, createdAt: unixSeconds(customer.date_created) } : null
      }
      case 'store/shipment/created': {
        const order = (await latestOrders(credentials, V2_PAGE_LIMIT, readScope)).find(
          (candidate) => Number(candidate.items_shipped ?? 0) > 0,
        )
        if (!order) return null
        const shipments = await getV2List(credentials, shipmentListSchema, {
          path: `/v2/orders/${order.id}/shipments`,
          what: `the shipments of order ${order.id}`,
          readScope,
        })
        const shipment = highestId(shipments)
        return shipment
          ? {
              data: { type: 'shipment', id: shipment.id, orderId: order.id },
              createdAt: unixSeconds(shipment.date_created ?? order.date_created),
            }
          : null
      }
      case 'store/sku/created': {
        const variant = await latestVariant(credentials, readScope)
        if (!variant) return null
        const product = await get(credentials, productReplySchema, {
          path: `/v3/catalog/products/${variant.product_id}`,
          what: `product ${variant.product_id}`,
          readScope,
        })
        return {
          data: { type: 'sku', id: variant.sku_id ?? variant.id, sku: { product_id: variant.product_id, variant_id: variant.id } },
          createdAt: unixSeconds(product.data.date_created),
        }
      }
    }
  }

  return client
}

function hookBody(input: HookInput) {
  // Always explicit: older docs said new hooks default to inactive (notes §1.3).
  return { scope: input.scope, destination: input.destination, is_active: true, headers: input.headers }
}

function toHook(hook: HookReply): Hook {
  return { id: hook.id, scope: hook.scope, destination: hook.destination, is_active: hook.is_active, headers: hook.headers ?? null }
}

function errorForStatus(status: number, detail: string, spec: RequestSpec, hash: string): BackendError {
  switch (status) {
    case 401:
      return new BackendError(
        'invalid_credentials',
        `BigCommerce did not accept this Access Token for store ${hash}. Check the Store Hash, and that the token belongs to an API account of this store that has not been deleted.`,
        { field: 'accessToken' },
      )
    case 403: {
      const need = spec.readScope
        ? `the OAuth scope “${spec.readScope.label}” (${spec.readScope.parameter})`
        : 'an OAuth scope this request needs'
      return new BackendError(
        'missing_scope',
        `The Access Token for store ${hash} lacks ${need} to read ${spec.what}. Store-level API account scopes cannot be changed: create an API account that has it.${withDetail(detail)}`,
      )
    }
    case 404:
      return new BackendError('not_found', `Store ${hash} has no ${spec.what}${withDetail(detail)}.`)
    case 400:
    case 422:
      return new BackendError('validation_failed', `BigCommerce refused ${spec.method} ${spec.path} (${status})${withDetail(detail)}.`)
    case 409:
      return new BackendError('conflict', `BigCommerce reported a conflict on ${spec.method} ${spec.path}${withDetail(detail)}.`)
    default:
      return new BackendError(
        'upstream_error',
        `BigCommerce answered ${status} to ${spec.method} ${spec.path} on store ${hash}${withDetail(detail)}.`,
      )
  }
}

/**
 * What a request sent that must never come back in an error's words: the token, and the hook's
 * header values (our X-Trigger-Secret, and custom ones such as an Authorization a user added),
 * in case BigCommerce quotes what it refused.
 */
function secretsOf(credentials: StoreCredentials, body: unknown): string[] {
  const headers = typeof body === 'object' && body !== null && 'headers' in body ? body.headers : undefined
  const values = typeof headers === 'object' && headers !== null ? Object.values(headers).filter((value) => typeof value === 'string') : []
  // A value of a few characters ("on", "1") is no secret, and hiding it would mangle the words.
  return [credentials.accessToken, ...values].filter((secret) => secret.length >= 6)
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join('[redacted]'), text)
}

/** BigCommerce's own words from either error shape: the v3 title plus each field error, or the v2 messages. */
function describeBody(body: unknown, secrets: readonly string[]): string {
  return redact(describeErrorShape(body), secrets)
}

function describeErrorShape(body: unknown): string {
  const v3 = v3ErrorSchema.safeParse(body)
  if (v3.success && (v3.data.title || v3.data.errors)) {
    const parts = v3.data.title ? [v3.data.title.replace(/\.$/, '')] : []
    const errors = v3.data.errors
    if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
      for (const [key, value] of Object.entries(errors)) parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    }
    return parts.join('; ')
  }
  const v2 = v2ErrorSchema.safeParse(body)
  if (v2.success) return v2.data.map((error) => error.message.replace(/\.$/, '')).join('; ')
  return ''
}

function withDetail(detail: string): string {
  return detail === '' ? '' : `: ${detail}`
}

function parseReply<T>(schema: z.ZodMiniType<T>, reply: unknown, what: string): T {
  const parsed = schema.safeParse(reply)
  if (parsed.success) return parsed.data
  // The path is in BigCommerce's reply, not in anything the user typed: said, not pointed at.
  throw validationError(parsed.error, {
    code: 'upstream_error',
    withField: false,
    message: (issue, field) =>
      `BigCommerce answered with an unexpected shape for ${what}${field ? ` at ${field}` : ''}: ${issue?.message ?? 'invalid'}.`,
  })
}

function parseJson(text: string, status: number, label: string): unknown {
  if (status === 204 || text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new BackendError('upstream_error', `BigCommerce answered ${label} with ${status} but a body that is not JSON.`)
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function headerNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) && number >= 0 ? number : undefined
}

function backoffMs(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] ?? 1000
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError'
}

/**
 * Built before the first attempt, so that a header `fetch` refuses is a local mistake, never
 * taken for "BigCommerce could not be reached" and retried. The only value that can be refused
 * is the token, and the error names it without repeating it (undici's own message quotes it).
 */
function requestHeaders(credentials: StoreCredentials, hasBody: boolean): Headers {
  try {
    const headers = new Headers({ 'X-Auth-Token': credentials.accessToken, Accept: 'application/json' })
    if (hasBody) headers.set('Content-Type', 'application/json')
    return headers
  } catch {
    throw new BackendError('validation_failed', 'The Access Token holds characters an HTTP header cannot carry. Copy it again.', {
      field: 'accessToken',
    })
  }
}

/**
 * The system's error code (ECONNREFUSED, ENOTFOUND…) and nothing else: messages of errors
 * thrown inside fetch may quote what was sent, and this text reaches users and logs.
 */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'network error'
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
}

/** The newest record: ids grow with creation. Undefined when there are none. */
function highestId<T extends { id: number }>(records: readonly T[]): T | undefined {
  return records.reduce<T | undefined>((best, record) => (!best || record.id > best.id ? record : best), undefined)
}

/** Product and customer dates are ISO 8601; v2 order and shipment dates are RFC 2822. Both parse. */
function unixSeconds(date: string | undefined): number {
  const ms = date === undefined ? Number.NaN : Date.parse(date)
  return Math.floor((Number.isNaN(ms) ? Date.now() : ms) / 1000)
}
