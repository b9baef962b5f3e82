import * as z from 'zod/mini'

/**
 * What BigCommerce answers, as far as the client relies on it. Records are loose: the client
 * reads a few keys and hands the rest through untouched, because BigCommerce adds fields over time.
 */

const int = z.number().check(z.int())

/** v3 error body (`error_Full` / `errorDetailed_Full` in webhooks.v3.yml). */
export const v3ErrorSchema = z.looseObject({
  status: z.optional(z.number()),
  title: z.optional(z.string()),
  type: z.optional(z.string()),
  errors: z.optional(z.nullable(z.unknown())),
})

/** v2 endpoints answer errors as an array, e.g. `[{"status":404,"message":"…"}]` (docs/bigcommerce-api-notes.md §1.5). */
export const v2ErrorSchema = z.array(
  z.looseObject({ status: z.optional(z.number()), message: z.string(), details: z.optional(z.unknown()) }),
)

const hookSchema = z.looseObject({
  id: int,
  client_id: z.optional(z.string()),
  store_hash: z.optional(z.string()),
  scope: z.string(),
  destination: z.string(),
  is_active: z.boolean(),
  headers: z.optional(z.nullable(z.record(z.string(), z.string()))),
  created_at: z.optional(int),
  updated_at: z.optional(int),
})
export type HookReply = z.infer<typeof hookSchema>

const metaSchema = z.optional(z.unknown())

const paginationSchema = z.looseObject({
  total: int,
  count: int,
  per_page: int,
  current_page: int,
  total_pages: int,
})

export const hookReplySchema = z.object({ data: hookSchema, meta: metaSchema })
export const hookListReplySchema = z.object({ data: z.array(hookSchema), meta: metaSchema })
/** The same list, read for its pages. */
export const pagedHookListReplySchema = z.object({
  data: z.array(hookSchema),
  meta: z.optional(z.looseObject({ pagination: z.optional(paginationSchema) })),
})

/** `GET /v3/hooks/admin` (`getHooksAdmin`): only `blocked_domains` is read. */
export const hooksAdminReplySchema = z.object({
  data: z.looseObject({
    blocked_domains: z.optional(
      z.array(
        z.looseObject({
          destination: z.string(),
          time_left: z.number(),
          reasons: z.optional(z.array(z.looseObject({ failure_description: z.optional(z.string()) }))),
        }),
      ),
    ),
  }),
  meta: metaSchema,
})

/** `GET /v2/store`: a bare object. `store_id` is an integer in the spec but a string in deliveries. */
export const storeInformationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  store_id: z.optional(z.union([int, z.string()])),
})

export const productSchema = z.looseObject({ id: int, name: z.string(), date_created: z.optional(z.string()) })
export const productReplySchema = z.object({ data: productSchema, meta: metaSchema })
export const productListReplySchema = z.object({ data: z.array(productSchema), meta: metaSchema })

export const variantSchema = z.looseObject({ id: int, product_id: int, sku_id: z.optional(z.nullable(int)) })
export const variantListReplySchema = z.object({
  data: z.array(variantSchema),
  meta: z.optional(z.looseObject({ pagination: z.optional(paginationSchema) })),
})

export const customerSchema = z.looseObject({ id: int, date_created: z.optional(z.string()) })
export const customerListReplySchema = z.object({ data: z.array(customerSchema), meta: metaSchema })

/** v2 order: bare object, money as strings, `products` etc. as `{url, resource}` links. */
export const orderSchema = z.looseObject({
  id: int,
  date_created: z.string(),
  items_shipped: z.optional(z.union([int, z.string()])),
  cart_id: z.optional(z.nullable(z.string())),
})
export const orderListSchema = z.array(orderSchema)

export const shipmentSchema = z.looseObject({ id: int, order_id: int, date_created: z.optional(z.string()) })
export const shipmentListSchema = z.array(shipmentSchema)
