import type * as z from 'zod/mini'
import { BackendError } from '../contract/errors'
import { callbackDataSchemas, eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import type { ResourceLookup } from './ports'
import { dottedPath } from './validation-error'

/**
 * Checks that `payload` is one of the six events with the `data` its scope documents
 * (notes §3.2), naming the field to blame below `payload`, and describes the call that fetches
 * its record (notes §5). This is the only place that maps an event to that call: the
 * `StorePlatform` only makes it.
 */
export function resourceLookup(payload: Pick<Callback, 'scope' | 'data'>): ResourceLookup {
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
      return { scope: scope.data, subject: `Product ${id}`, path: `/v3/catalog/products/${id}`, include: 'variants,images,custom_fields', pick: 'object' }
    }
    case 'store/order/created': {
      const { id } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, subject: `Order ${id}`, path: `/v2/orders/${id}`, pick: 'object' }
    }
    case 'store/cart/converted': {
      // BigCommerce deletes a converted cart (notes §5), so the record is the order it became.
      const { id, orderId } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, subject: `Order ${orderId} (from cart ${id})`, path: `/v2/orders/${orderId}`, pick: 'object' }
    }
    case 'store/customer/created': {
      // v3 has no "get one customer" path: a filtered list is the documented way (notes §5).
      const { id } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return {
        scope: scope.data,
        subject: `Customer ${id}`,
        path: `/v3/customers?id:in=${id}`,
        include: 'addresses,storecredit,attributes,formfields',
        pick: 'first-of-list',
      }
    }
    case 'store/shipment/created': {
      const { id, orderId } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, subject: `Shipment ${id} of order ${orderId}`, path: `/v2/orders/${orderId}/shipments/${id}`, pick: 'object' }
    }
    case 'store/sku/created': {
      const { sku } = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return {
        scope: scope.data,
        subject: `Variant ${sku.variant_id} of product ${sku.product_id}`,
        path: `/v3/catalog/products/${sku.product_id}/variants/${sku.variant_id}`,
        pick: 'object',
      }
    }
  }
}

function dataOf<T>(payload: Pick<Callback, 'data'>, scope: EventScope, schema: z.ZodMiniType<T>): T {
  const parsed = schema.safeParse(payload.data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue ? dottedPath(['payload', 'data', ...issue.path]) : 'payload.data'
  throw new BackendError('validation_failed', `This ${scope} payload has no valid ${where.slice('payload.'.length)} to look its record up by.`, {
    field: where,
  })
}
