import * as z from 'zod/mini'

/**
 * Everything the simulator holds about a store, as plain JSON so it can be snapshotted,
 * restored (e.g. from localStorage in the demo) and seeded. Records are kept in the exact
 * shape BigCommerce answers with; the loose schemas name only the keys the simulator reads.
 */

const int = z.number().check(z.int())

/** OAuth scope parameters of store-level API accounts (docs/bigcommerce-api-notes.md §4.4); modify implies read-only. */
const oauthScopeSchema = z.enum([
  'store_v2_information',
  'store_v2_information_read_only',
  'store_v2_products',
  'store_v2_products_read_only',
  'store_v2_orders',
  'store_v2_orders_read_only',
  'store_v2_customers',
  'store_v2_customers_read_only',
  'store_cart',
  'store_cart_read_only',
  'store_checkouts',
  'store_checkouts_read_only',
])
export type OauthScope = z.infer<typeof oauthScopeSchema>

/**
 * A store-level API account: hooks belong to its `clientId`; the token carries its scopes.
 * With a `clientSecret`, deliveries to its hooks are signed with it (docs/bigcommerce-api-notes.md §3.5).
 */
const apiAccountSchema = z.object({
  name: z.string(),
  clientId: z.string(),
  clientSecret: z.optional(z.string()),
  accessToken: z.string(),
  scopes: z.array(oauthScopeSchema),
})
export type ApiAccount = z.infer<typeof apiAccountSchema>

const hookRecordSchema = z.object({
  id: int,
  client_id: z.string(),
  store_hash: z.string(),
  scope: z.string(),
  destination: z.string(),
  is_active: z.boolean(),
  headers: z.nullable(z.record(z.string(), z.string())),
  created_at: int,
  updated_at: int,
})
export type HookRecord = z.infer<typeof hookRecordSchema>

const productRecordSchema = z.looseObject({
  id: int,
  name: z.string(),
  sku: z.string(),
  price: z.number(),
  date_created: z.string(),
  base_variant_id: z.nullable(int),
})
export type ProductRecord = z.infer<typeof productRecordSchema>

const variantRecordSchema = z.looseObject({ id: int, product_id: int, sku: z.string(), sku_id: z.nullable(int) })
export type VariantRecord = z.infer<typeof variantRecordSchema>

const customerRecordSchema = z.looseObject({ id: int, email: z.string(), date_created: z.string() })
export type CustomerRecord = z.infer<typeof customerRecordSchema>

/** A v2 order; `cart_id` is empty for orders created through the Orders API. */
const orderRecordSchema = z.looseObject({
  id: int,
  customer_id: int,
  date_created: z.string(),
  cart_id: z.string(),
  items_total: int,
  items_shipped: int,
})
export type OrderRecord = z.infer<typeof orderRecordSchema>

const orderProductRecordSchema = z.looseObject({
  id: int,
  order_id: int,
  product_id: int,
  order_address_id: int,
  quantity: int,
  quantity_shipped: int,
})
export type OrderProductRecord = z.infer<typeof orderProductRecordSchema>

const orderAddressRecordSchema = z.looseObject({ id: int, order_id: int })
export type OrderAddressRecord = z.infer<typeof orderAddressRecordSchema>

const shipmentRecordSchema = z.looseObject({ id: int, order_id: int, date_created: z.string() })
export type ShipmentRecord = z.infer<typeof shipmentRecordSchema>

/** An open cart; converting it to an order deletes it, as on BigCommerce. */
const cartRecordSchema = z.looseObject({
  id: z.string(),
  customer_id: int,
  line_items: z.looseObject({
    physical_items: z.array(z.looseObject({ product_id: int, variant_id: int, quantity: int })),
  }),
})
export type CartRecord = z.infer<typeof cartRecordSchema>

/**
 * A destination domain on BigCommerce's denylist for one API account (docs/bigcommerce-api-notes.md
 * §3.4): nothing is sent to it meanwhile.
 */
const blockedDomainSchema = z.object({
  clientId: z.string(),
  /** A host name, e.g. `hooks.example.com`: every hook destination on it is held. */
  domain: z.string(),
  /** Unix seconds. */
  blockedAt: int,
  until: int,
  reason: z.string(),
})
export type BlockedDomain = z.infer<typeof blockedDomainSchema>

const storeStateSchema = z.object({
  hash: z.string(),
  /** Numeric id as a string, as deliveries carry it. */
  storeId: z.string(),
  name: z.string(),
  accounts: z.array(apiAccountSchema),
  hooks: z.array(hookRecordSchema),
  products: z.array(productRecordSchema),
  variants: z.array(variantRecordSchema),
  customers: z.array(customerRecordSchema),
  orders: z.array(orderRecordSchema),
  orderProducts: z.array(orderProductRecordSchema),
  orderAddresses: z.array(orderAddressRecordSchema),
  shipments: z.array(shipmentRecordSchema),
  carts: z.array(cartRecordSchema),
  // Defaults, so a snapshot saved before these existed (the demo keeps one) still restores.
  /** Per API account's client id: who is told about deactivated hooks (`PUT /v3/hooks/admin`). */
  notificationEmails: z.prefault(z.record(z.string(), z.array(z.string())), {}),
  blockedDomains: z.prefault(z.array(blockedDomainSchema), []),
  /** Hooks BigCommerce switched off after 48 h of failures, as against hooks their owner set inactive. */
  deactivatedHookIds: z.prefault(z.array(int), []),
})
export type StoreState = z.infer<typeof storeStateSchema>

/** What the control page and `Simulator.create` can make with one click. */
export type RecordKind = 'product' | 'customer' | 'order' | 'shipment'

/** A store to start the simulator with. */
export type SeedStore = StoreState

export const simulatorStateSchema = z.object({ stores: z.array(storeStateSchema) })
export type SimulatorState = z.infer<typeof simulatorStateSchema>
