import type * as z from 'zod/mini'
import { BackendError } from '../contract/errors'
import { callbackDataSchemas, eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import { dottedPath } from './validation-error'

/**
 * What fetching the record behind a delivery means, in words: the call the BigCommerce client
 * makes for it (notes §5) and the record's name for messages. The client owns the actual
 * request; this only describes it, because the core may not import the client.
 */
export type ResourceLookup = {
  scope: EventScope
  /** e.g. `GET /v3/catalog/products/205`; query parameters that only add detail are left out. */
  request: string
  /** e.g. `Product 205`, `Variant 509 of product 206`. */
  subject: string
}

/**
 * Checks that `payload` is one of the six events with the `data` its scope documents
 * (notes §3.2), naming the field to blame below `payload`, and describes its lookup.
 */
export function resourceLookup(payload: Callback): ResourceLookup {
  const scope = eventScopeSchema.safeParse(payload.scope)
  if (!scope.success) {
    throw new BackendError(
      'validation_failed',
      `Only the six trigger events have a record to fetch; "${payload.scope}" is not one of them.`,
      { field: 'payload.scope' },
    )
  }
  switch (scope.data) {
    case 'store/product/created': {
      const { id } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, request: `GET /v3/catalog/products/${id}`, subject: `Product ${id}` }
    }
    case 'store/order/created': {
      const { id } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, request: `GET /v2/orders/${id}`, subject: `Order ${id}` }
    }
    case 'store/cart/converted': {
      // BigCommerce deletes a converted cart (notes §5), so the record is the order it became.
      const { id, orderId } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, request: `GET /v2/orders/${orderId}`, subject: `Order ${orderId} (from cart ${id})` }
    }
    case 'store/customer/created': {
      // v3 has no "get one customer" path: a filtered list is the documented way (notes §5).
      const { id } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, request: `GET /v3/customers?id:in=${id}`, subject: `Customer ${id}` }
    }
    case 'store/shipment/created': {
      const { id, orderId } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, request: `GET /v2/orders/${orderId}/shipments/${id}`, subject: `Shipment ${id} of order ${orderId}` }
    }
    case 'store/sku/created': {
      const { sku } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return {
        scope: scope.data,
        request: `GET /v3/catalog/products/${sku.product_id}/variants/${sku.variant_id}`,
        subject: `Variant ${sku.variant_id} of product ${sku.product_id}`,
      }
    }
  }
}

function dataOf<T>(payload: Callback, scope: EventScope, schema: z.ZodMiniType<T>): T {
  const parsed = schema.safeParse(payload.data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue ? dottedPath(['payload', 'data', ...issue.path]) : 'payload.data'
  throw new BackendError('validation_failed', `This ${scope} payload has no valid ${where.slice('payload.'.length)} to look its record up by.`, {
    field: where,
  })
}
