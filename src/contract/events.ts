import * as z from 'zod/mini'

/** The six BigCommerce webhook scopes the trigger offers (docs/bigcommerce-api-notes.md §2.1), copied exactly. */
export const eventScopeSchema = z.enum([
  'store/cart/converted',
  'store/customer/created',
  'store/product/created',
  'store/order/created',
  'store/shipment/created',
  'store/sku/created',
])
export type EventScope = z.infer<typeof eventScopeSchema>

const numericId = z.number().check(z.int())

/**
 * A webhook delivery (docs/bigcommerce-api-notes.md §3.1, `webhook_callback_base`). `store_id` is a string today but was
 * an integer in older docs; extra keys are tolerated because BigCommerce adds them over time.
 */
export const callbackSchema = z.looseObject({
  scope: z.string(),
  store_id: z.union([z.string(), numericId]),
  data: z.looseObject({ type: z.string(), id: z.union([numericId, z.string()]) }),
  hash: z.string().check(z.minLength(1)),
  created_at: numericId,
  producer: z.string().check(z.regex(/^stores\/[a-z0-9]+$/)),
})
export type Callback = z.infer<typeof callbackSchema>

/** The scope-specific `data` of each of the six events (docs/bigcommerce-api-notes.md §3.2). */
export const callbackDataSchemas = {
  'store/cart/converted': z.looseObject({ type: z.literal('cart'), id: z.string(), orderId: numericId }),
  'store/customer/created': z.looseObject({ type: z.literal('customer'), id: numericId }),
  'store/product/created': z.looseObject({ type: z.literal('product'), id: numericId }),
  'store/order/created': z.looseObject({ type: z.literal('order'), id: numericId }),
  'store/shipment/created': z.looseObject({ type: z.literal('shipment'), id: numericId, orderId: numericId }),
  'store/sku/created': z.looseObject({
    type: z.literal('sku'),
    id: numericId,
    sku: z.looseObject({ product_id: numericId, variant_id: numericId }),
  }),
} satisfies Record<EventScope, z.ZodMiniType>

/**
 * BigCommerce's `hash` of a delivery: "the SHA-1 hash of the JSON-encoded payload data"
 * (docs/bigcommerce-api-notes.md §3.1). The simulator stamps deliveries with it and the core stamps live samples.
 */
export async function callbackHash(data: unknown): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(JSON.stringify(data)))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}
