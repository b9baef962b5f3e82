import type * as z from 'zod/mini'
import { BackendError } from '../contract/errors'
import { callbackDataSchemas, eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import { validationError } from './validation-error'

/**
 * The record behind a delivery, as the core knows it: the event, its `data` checked against
 * what the scope documents (docs/bigcommerce-api-notes.md §3.2), and words for it. How to fetch it (paths, API versions,
 * unwrapping) is the `StorePlatform`'s business.
 */
export type EventRecord = {
  [S in EventScope]: { scope: S; data: EventData<S>; subject: string }
}[EventScope]

/** The `data` of a delivery of `S`, as its scope documents it. */
export type EventData<S extends EventScope> = z.infer<(typeof callbackDataSchemas)[S]>

/** Checks `payload`, naming the field to blame below `payload`, and names its record. */
export function eventRecordOf(payload: Pick<Callback, 'scope' | 'data'>): EventRecord {
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
      const data = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, data, subject: `Product ${data.id}` }
    }
    case 'store/order/created': {
      const data = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, data, subject: `Order ${data.id}` }
    }
    case 'store/cart/converted': {
      // BigCommerce deletes a converted cart (docs/bigcommerce-api-notes.md §5), so the record is the order it became.
      const data = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, data, subject: `Order ${data.orderId} (from cart ${data.id})` }
    }
    case 'store/customer/created': {
      const data = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, data, subject: `Customer ${data.id}` }
    }
    case 'store/shipment/created': {
      const data = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, data, subject: `Shipment ${data.id} of order ${data.orderId}` }
    }
    case 'store/sku/created': {
      const data = dataOf(payload, scope.data, callbackDataSchemas[scope.data])
      return { scope: scope.data, data, subject: `Variant ${data.sku.variant_id} of product ${data.sku.product_id}` }
    }
  }
}

function dataOf<T>(payload: Pick<Callback, 'data'>, scope: EventScope, schema: z.ZodMiniType<T>): T {
  const parsed = schema.safeParse(payload.data)
  if (parsed.success) return parsed.data
  throw validationError(parsed.error, {
    under: ['payload', 'data'],
    message: (_issue, field) =>
      `This ${scope} payload has no valid ${(field ?? 'payload.data').slice('payload.'.length)} to look its record up by.`,
  })
}
