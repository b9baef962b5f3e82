import * as z from 'zod/mini'
import { BackendError } from '../contract/errors'
import type { Callback, EventScope } from '../contract/events'
import { eventDefinition } from '../connectors/bigcommerce'
import type { EventData, EventRecord } from '../core/event-record'
import type { StoreCredentials, StorePlatform } from '../core/ports'
import {
  customerListReplySchema,
  customerSchema,
  orderListSchema,
  orderSchema,
  productListReplySchema,
  productReplySchema,
  productSchema,
  shipmentListSchema,
  shipmentSchema,
  variantListReplySchema,
  variantSchema,
} from './reply-schemas'
import { parseReply, type GetSpec, type Transport } from './transport'

/**
 * The record behind each event, one entry per event: how BigCommerce serves it, what it is
 * checked against, and how Test Trigger finds the store's newest one. A new event is a new entry
 * here (and its record's schema in reply-schemas.ts when it is a new kind of record).
 */

/**
 * How BigCommerce serves a record (docs/bigcommerce-api-notes.md §5). `path` is below
 * `/stores/{hash}` and is what the UI shows as the request; `include` embeds sub-resources
 * without lengthening it. `reply` says where the record is in the answer.
 */
type RecordRequest = { path: string; include?: string; reply: 'v2-record' | 'v3-data' | 'v3-first-of-list' }

type LatestEvent = { data: Callback['data']; createdAt: number }

/** Reads for one lookup, with its token and the event's read scope (for a 403's words) bound. */
type RecordReader = {
  get<T>(schema: z.ZodMiniType<T>, spec: Omit<GetSpec, 'readScope'>): Promise<T>
  getV2List<T>(schema: z.ZodMiniType<T[]>, spec: Omit<GetSpec, 'readScope'>): Promise<T[]>
}

type EventRecordEntry<S extends EventScope> = {
  request(data: EventData<S>): RecordRequest
  /** Checks the keys the client relies on; the record is handed through untouched. */
  schema: z.ZodMiniType<Record<string, unknown>>
  /** The `data` a delivery for the store's newest such record would carry (§5.1), or null when it has none. */
  latest(read: RecordReader): Promise<LatestEvent | null>
}

/** The v2 list endpoints page at most this many records. */
const V2_PAGE_LIMIT = 50

const EVENT_RECORDS: { [S in EventScope]: EventRecordEntry<S> } = {
  'store/product/created': {
    request: (data) => ({ path: `/v3/catalog/products/${data.id}`, include: 'variants,images,custom_fields', reply: 'v3-data' }),
    schema: productSchema,
    async latest(read) {
      const reply = await read.get(productListReplySchema, {
        path: '/v3/catalog/products',
        query: { sort: 'id', direction: 'desc', limit: '1' },
        what: 'the latest product',
      })
      const [product] = reply.data
      return product ? { data: { type: 'product', id: product.id }, createdAt: unixSeconds(product.date_created) } : null
    },
  },
  'store/order/created': {
    request: (data) => ({ path: `/v2/orders/${data.id}`, reply: 'v2-record' }),
    schema: orderSchema,
    async latest(read) {
      const [order] = await latestOrders(read, 1)
      return order ? { data: { type: 'order', id: order.id }, createdAt: unixSeconds(order.date_created) } : null
    },
  },
  'store/cart/converted': {
    // BigCommerce deletes a converted cart (docs/bigcommerce-api-notes.md §5), so the record is the order it became.
    request: (data) => ({ path: `/v2/orders/${data.orderId}`, reply: 'v2-record' }),
    schema: orderSchema,
    async latest(read) {
      const order = (await latestOrders(read, V2_PAGE_LIMIT)).find((candidate) => (candidate.cart_id ?? '') !== '')
      return order?.cart_id
        ? { data: { type: 'cart', id: order.cart_id, orderId: order.id }, createdAt: unixSeconds(order.date_created) }
        : null
    },
  },
  'store/customer/created': {
    // v3 has no "get one customer" path: a filtered list is the documented way (docs/bigcommerce-api-notes.md §5).
    request: (data) => ({
      path: `/v3/customers?id:in=${data.id}`,
      include: 'addresses,storecredit,attributes,formfields',
      reply: 'v3-first-of-list',
    }),
    schema: customerSchema,
    async latest(read) {
      const reply = await read.get(customerListReplySchema, {
        path: '/v3/customers',
        query: { sort: 'date_created:desc', limit: '1' },
        what: 'the latest customer',
      })
      const [customer] = reply.data
      return customer ? { data: { type: 'customer', id: customer.id }, createdAt: unixSeconds(customer.date_created) } : null
    },
  },
  'store/shipment/created': {
    request: (data) => ({ path: `/v2/orders/${data.orderId}/shipments/${data.id}`, reply: 'v2-record' }),
    schema: shipmentSchema,
    async latest(read) {
      const order = (await latestOrders(read, V2_PAGE_LIMIT)).find((candidate) => Number(candidate.items_shipped ?? 0) > 0)
      if (!order) return null
      const shipments = await read.getV2List(shipmentListSchema, {
        path: `/v2/orders/${order.id}/shipments`,
        what: `the shipments of order ${order.id}`,
      })
      const shipment = highestId(shipments)
      return shipment
        ? {
            data: { type: 'shipment', id: shipment.id, orderId: order.id },
            createdAt: unixSeconds(shipment.date_created ?? order.date_created),
          }
        : null
    },
  },
  'store/sku/created': {
    request: (data) => ({ path: `/v3/catalog/products/${data.sku.product_id}/variants/${data.sku.variant_id}`, reply: 'v3-data' }),
    schema: variantSchema,
    async latest(read) {
      const variant = await latestVariant(read)
      if (!variant) return null
      const product = await read.get(productReplySchema, {
        path: `/v3/catalog/products/${variant.product_id}`,
        what: `product ${variant.product_id}`,
      })
      return {
        data: { type: 'sku', id: variant.sku_id ?? variant.id, sku: { product_id: variant.product_id, variant_id: variant.id } },
        createdAt: unixSeconds(product.data.date_created),
      }
    },
  },
}

/** `EVENT_RECORDS[scope]` with its scope kept, so an entry is only ever given its own event's `data`. */
function entryOf<S extends EventScope>(scope: S): EventRecordEntry<S> {
  return EVENT_RECORDS[scope]
}

export function eventRecordsApi(transport: Transport): Pick<StorePlatform, 'latestEventData' | 'fetchEventRecord'> {
  /** Every call of a lookup reads the area of the event's record, so a 403 means its read scope. */
  function reader(credentials: StoreCredentials, scope: EventScope): RecordReader {
    const { readScope } = eventDefinition(scope)
    return {
      get: (schema, spec) => transport.get(credentials, schema, { ...spec, readScope }),
      getV2List: (schema, spec) => transport.getV2List(credentials, schema, { ...spec, readScope }),
    }
  }

  return {
    latestEventData: (credentials, scope) => entryOf(scope).latest(reader(credentials, scope)),

    async fetchEventRecord(credentials, event: EventRecord) {
      const { schema } = entryOf(event.scope)
      const call = requestOf(event)
      // Mid-sentence in the client's messages: `order 9`, `variant 509 of product 206`.
      const what = event.subject.charAt(0).toLowerCase() + event.subject.slice(1)
      const reply = await transport.request(credentials, {
        method: 'GET',
        path: call.path,
        query: call.include === undefined ? undefined : { include: call.include },
        what,
        readScope: eventDefinition(event.scope).readScope,
      })
      const missing = () => new BackendError('not_found', `Store ${credentials.storeHash} has no ${what}.`)
      const shown = { request: `GET ${call.path}` }
      switch (call.reply) {
        case 'v2-record':
          // v2 answers 204 with no body for a record it does not have.
          if (reply === undefined) throw missing()
          return { record: parseReply(schema, reply, what), ...shown }
        case 'v3-data':
          return { record: parseReply(z.object({ data: schema }), reply, what).data, ...shown }
        case 'v3-first-of-list': {
          const [first] = parseReply(z.object({ data: z.array(schema) }), reply, what).data
          if (!first) throw missing()
          return { record: first, ...shown }
        }
      }
    },
  }
}

function requestOf(event: EventRecord): RecordRequest {
  return entryOf(event.scope).request(event.data)
}

function latestOrders(read: RecordReader, limit: number) {
  return read.getV2List(orderListSchema, {
    path: '/v2/orders',
    query: { sort: 'date_created:desc', limit: String(limit) },
    what: 'the latest orders',
  })
}

async function latestVariant(read: RecordReader) {
  // /catalog/variants has no documented sort (docs/bigcommerce-api-notes.md §5.1): read the last page, take the highest id.
  const query = { limit: '250' }
  const first = await read.get(variantListReplySchema, { path: '/v3/catalog/variants', query, what: 'the variants' })
  const totalPages = first.meta?.pagination?.total_pages ?? 1
  const page =
    totalPages > 1
      ? await read.get(variantListReplySchema, {
          path: '/v3/catalog/variants',
          query: { ...query, page: String(totalPages) },
          what: 'the variants',
        })
      : first
  return highestId(page.data)
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
