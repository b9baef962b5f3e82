import * as z from 'zod/mini'
import { callbackSchema, eventScopeSchema } from './events'
import { id, isoTime } from './fields'

/** Test Trigger: the payload a test shows, and the record behind it. */

/**
 * Where a test's payload came from, most trustworthy first:
 * a delivery BigCommerce really sent, the store's newest matching record wrapped in the
 * documented envelope, or the documented sample.
 */
export const testSourceSchema = z.enum(['delivered', 'live', 'sample'])

export type TestSource = z.infer<typeof testSourceSchema>

export const triggerTestSchema = z.object({
  source: testSourceSchema,
  testedAt: isoTime,
  event: eventScopeSchema,
  payload: callbackSchema,
  /**
   * The stored delivery shown, when `source` is 'delivered', so the UI can mark it among
   * `listTriggerDeliveries`; null otherwise. Optional because older servers do not send it.
   */
  deliveryId: z.optional(z.nullable(id)),
  /**
   * The backend's words for why this source was used, when it needs saying: e.g. that the
   * store has no such record yet, or that the token lacks the scope to read it, so the sample
   * stands in. Null when the payload speaks for itself.
   */
  note: z.nullable(z.string()),
})

export type TriggerTest = z.infer<typeof triggerTestSchema>

/** A delivery (or test payload) whose record to fetch; it must come from the trigger's store. */
export const fetchTriggerResourceRequestSchema = z.object({ payload: callbackSchema })

/**
 * The record behind a delivery, fetched as the connector's action would: the product, the
 * order (also for a converted cart, which BigCommerce deletes), the customer, the shipment
 * or the variant.
 */
export const triggerResourceSchema = z.object({
  /** BigCommerce's JSON object, unchanged: v3 `data`, or the bare v2 object. */
  resource: z.record(z.string(), z.unknown()),
  fetchedAt: isoTime,
  /** The call made, for display, e.g. `GET /v3/catalog/products/205`. */
  request: z.string(),
  /** The OAuth scope that call needs, so the UI can say what an API account must have. */
  readScope: z.object({ label: z.string(), parameter: z.string() }),
})

export type TriggerResource = z.infer<typeof triggerResourceSchema>
