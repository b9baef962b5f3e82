import * as z from 'zod/mini'
import type {
  CartRecord,
  CustomerRecord,
  OrderAddressRecord,
  OrderProductRecord,
  OrderRecord,
  ProductRecord,
  ShipmentRecord,
  StoreState,
  VariantRecord,
} from './store-state'

/**
 * What happens in a store when a record is created, kept apart from HTTP so the API routes,
 * the control page and the seed all create records the same way. Records take the shapes of
 * BigCommerce's replies (products_catalog.v3.yml, orders.v2, customers.v3, carts.v3).
 */

/** An event the store raises; the simulator delivers it to matching hooks. */
export type StoreEvent = { scope: string; data: Record<string, unknown> }

/** A refusal in BigCommerce's words; the routes render it as a v2 or v3 error body. */
export class SimulatorError extends Error {
  readonly status: number
  readonly errors: Record<string, string> | undefined
  constructor(status: number, title: string, errors?: Record<string, string>) {
    super(title)
    this.status = status
    this.errors = errors
  }
}

const int = z.number().check(z.int())
const positiveInt = z.number().check(z.int(), z.minimum(1))

export const productInputSchema = z.looseObject({
  name: z.string().check(z.minLength(1), z.maxLength(250)),
  type: z.enum(['physical', 'digital']),
  weight: z.number().check(z.minimum(0)),
  price: z.number().check(z.minimum(0)),
  sku: z.optional(z.string()),
  description: z.optional(z.string()),
  categories: z.optional(z.array(int)),
  inventory_level: z.optional(int),
  is_visible: z.optional(z.boolean()),
  variants: z.optional(z.array(z.looseObject({ sku: z.string().check(z.minLength(1)), price: z.optional(z.nullable(z.number())) }))),
})
type ProductInput = z.infer<typeof productInputSchema>

export const customerInputSchema = z.looseObject({
  email: z.string().check(z.regex(/^[^\s@]+@[^\s@]+$/)),
  first_name: z.string().check(z.minLength(1)),
  last_name: z.string().check(z.minLength(1)),
  company: z.optional(z.string()),
  phone: z.optional(z.string()),
})
type CustomerInput = z.infer<typeof customerInputSchema>

const lineItemInputSchema = z.looseObject({ product_id: positiveInt, quantity: positiveInt, variant_id: z.optional(positiveInt) })

const addressInputSchema = z.looseObject({
  first_name: z.string(),
  last_name: z.string(),
  street_1: z.optional(z.string()),
  city: z.optional(z.string()),
  state: z.optional(z.string()),
  zip: z.optional(z.string()),
  country: z.optional(z.string()),
  country_iso2: z.optional(z.string()),
  email: z.optional(z.string()),
})

export const orderInputSchema = z.looseObject({
  customer_id: z.optional(int),
  billing_address: addressInputSchema,
  products: z.array(lineItemInputSchema).check(z.minLength(1)),
  status_id: z.optional(int),
})
type OrderInput = z.infer<typeof orderInputSchema>

export const cartInputSchema = z.looseObject({
  customer_id: z.optional(int),
  line_items: z.array(lineItemInputSchema).check(z.minLength(1)),
})
type CartInput = z.infer<typeof cartInputSchema>

export const shipmentInputSchema = z.looseObject({
  order_address_id: positiveInt,
  items: z.array(z.looseObject({ order_product_id: positiveInt, quantity: positiveInt })).check(z.minLength(1)),
  tracking_number: z.optional(z.string()),
  shipping_provider: z.optional(z.string()),
  shipping_method: z.optional(z.string()),
  comments: z.optional(z.string()),
})
type ShipmentInput = z.infer<typeof shipmentInputSchema>

// ── Formats ─────────────────────────────────────────────────────────────────

/** Catalog and customer dates: ISO 8601 with an explicit offset, e.g. `2018-08-15T14:48:46+00:00`. */
function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** v2 dates are RFC 2822, e.g. `Tue, 20 Nov 2012 00:00:00 +0000`. */
function rfc2822Date(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000')
}

/** v2 money is a string with four decimals. */
function money(amount: number): string {
  return amount.toFixed(4)
}

/** One past the highest id, and never below `start`. */
export function nextId(records: readonly { id: number }[], start: number): number {
  return records.reduce((max, record) => Math.max(max, record.id), start - 1) + 1
}

function link(hash: string, resource: string) {
  return { url: `https://api.bigcommerce.com/stores/${hash}/v2${resource}`, resource }
}

// ── Products and variants ───────────────────────────────────────────────────

function productDefaults(id: number, input: ProductInput, at: Date) {
  const slug = input.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return {
    id,
    name: input.name,
    type: input.type,
    sku: input.sku ?? '',
    description: input.description ?? '',
    weight: input.weight,
    width: 0,
    depth: 0,
    height: 0,
    price: input.price,
    cost_price: 0,
    retail_price: 0,
    sale_price: 0,
    map_price: 0,
    tax_class_id: 0,
    product_tax_code: '',
    calculated_price: input.price,
    categories: input.categories ?? [],
    brand_id: 0,
    option_set_id: 0,
    option_set_display: 'right',
    inventory_level: input.inventory_level ?? 0,
    inventory_warning_level: 0,
    inventory_tracking: 'none',
    reviews_rating_sum: 0,
    reviews_count: 0,
    total_sold: 0,
    fixed_cost_shipping_price: 0,
    is_free_shipping: false,
    is_visible: input.is_visible ?? true,
    is_featured: false,
    related_products: [-1],
    warranty: '',
    bin_picking_number: '',
    layout_file: 'product.html',
    upc: '',
    mpn: '',
    gtin: '',
    search_keywords: '',
    availability: 'available',
    availability_description: '',
    gift_wrapping_options_type: 'any',
    gift_wrapping_options_list: [],
    sort_order: 0,
    condition: 'New',
    is_condition_shown: false,
    order_quantity_minimum: 0,
    order_quantity_maximum: 0,
    page_title: '',
    meta_keywords: [],
    meta_description: '',
    date_created: isoDate(at),
    date_modified: isoDate(at),
    view_count: 0,
    preorder_release_date: null,
    preorder_message: '',
    is_preorder_only: false,
    is_price_hidden: false,
    price_hidden_label: '',
    custom_url: { url: `/${slug}/`, is_customized: false },
    base_variant_id: null as number | null,
    open_graph_type: 'product',
    open_graph_title: '',
    open_graph_description: '',
    open_graph_use_meta_description: true,
    open_graph_use_product_name: true,
    open_graph_use_image: true,
  }
}

function variantRecord(id: number, skuId: number, product: ProductRecord, sku: string, price: number | null): VariantRecord {
  return {
    id,
    product_id: product.id,
    sku,
    sku_id: skuId,
    cost_price: 0,
    price,
    sale_price: null,
    retail_price: null,
    map_price: 0,
    weight: null,
    width: null,
    height: null,
    depth: null,
    is_free_shipping: false,
    fixed_cost_shipping_price: null,
    purchasing_disabled: false,
    purchasing_disabled_message: '',
    image_url: '',
    upc: '',
    mpn: '',
    gtin: '',
    inventory_level: 0,
    inventory_warning_level: 0,
    bin_picking_number: '',
    option_values: [],
    calculated_price: price ?? product.price,
    calculated_weight: typeof product['weight'] === 'number' ? product['weight'] : 0,
  }
}

/** Creates the product and its base variant (plus any given variants): one product event, one SKU event per variant. */
export function createProduct(store: StoreState, input: ProductInput, at: Date): { product: ProductRecord; events: StoreEvent[] } {
  if (store.products.some((product) => product.name.toLowerCase() === input.name.toLowerCase())) {
    throw new SimulatorError(409, `The product name is a duplicate`, { name: `A product named "${input.name}" already exists.` })
  }
  const skus = [input.sku ?? '', ...(input.variants ?? []).map((variant) => variant.sku)].filter((sku) => sku !== '')
  const taken = skus.find((sku) => store.variants.some((variant) => variant.sku.toLowerCase() === sku.toLowerCase()))
  if (taken) throw new SimulatorError(409, 'The SKU is a duplicate', { sku: `SKU "${taken}" is already used.` })

  const id = nextId(store.products, 101)
  const product: ProductRecord = productDefaults(id, input, at)
  store.products.push(product)
  const events: StoreEvent[] = [{ scope: 'store/product/created', data: { type: 'product', id } }]
  const addVariant = (sku: string, price: number | null) => {
    const variantId = nextId(store.variants, 201)
    const skuId = store.variants.reduce((max, variant) => Math.max(max, variant.sku_id ?? 0), 300) + 1
    const variant = variantRecord(variantId, skuId, product, sku, price)
    store.variants.push(variant)
    events.push({ scope: 'store/sku/created', data: { type: 'sku', id: skuId, sku: { product_id: id, variant_id: variantId } } })
    return variant
  }
  product.base_variant_id = addVariant(product.sku, null).id
  for (const variant of input.variants ?? []) addVariant(variant.sku, variant.price ?? null)
  return { product, events }
}

// ── Customers ───────────────────────────────────────────────────────────────

export function createCustomer(store: StoreState, input: CustomerInput, at: Date): { customer: CustomerRecord; events: StoreEvent[] } {
  if (store.customers.some((customer) => customer.email.toLowerCase() === input.email.toLowerCase())) {
    throw new SimulatorError(422, 'The customer email is already in use', { email: `${input.email} is already in use.` })
  }
  const id = nextId(store.customers, 1)
  const customer: CustomerRecord = {
    id,
    email: input.email,
    first_name: input.first_name,
    last_name: input.last_name,
    company: input.company ?? '',
    phone: input.phone ?? '',
    registration_ip_address: '',
    notes: '',
    tax_exempt_category: '',
    customer_group_id: 0,
    date_created: isoDate(at),
    date_modified: isoDate(at),
    address_count: 0,
    attribute_count: 0,
    authentication: { force_password_reset: false },
    accepts_product_review_abandoned_cart_emails: false,
    store_credit_amounts: [{ amount: 0 }],
    origin_channel_id: 1,
    // An array in customer_Full (customers.v3.yml); null is only accepted on create.
    channel_ids: [1],
  }
  store.customers.push(customer)
  return { customer, events: [{ scope: 'store/customer/created', data: { type: 'customer', id } }] }
}

// ── Carts and orders ────────────────────────────────────────────────────────

function requireProduct(store: StoreState, productId: number, variantId: number | undefined) {
  const product = store.products.find((candidate) => candidate.id === productId)
  if (!product) throw new SimulatorError(422, 'Product not found', { product_id: `Product ${productId} does not exist.` })
  const variant = store.variants.find((candidate) =>
    variantId === undefined ? candidate.id === product.base_variant_id : candidate.id === variantId && candidate.product_id === productId,
  )
  if (!variant)
    throw new SimulatorError(422, 'Variant not found', { variant_id: `Variant ${variantId ?? ''} of product ${productId} does not exist.` })
  const price = typeof variant['calculated_price'] === 'number' ? variant['calculated_price'] : product.price
  return { product, variant, price }
}

export function createCart(store: StoreState, input: CartInput, at: Date, randomId: () => string): CartRecord {
  const items = input.line_items.map((line) => {
    const { product, variant, price } = requireProduct(store, line.product_id, line.variant_id)
    return {
      id: randomId(),
      parent_id: null,
      variant_id: variant.id,
      product_id: product.id,
      sku: variant.sku,
      name: product.name,
      url: `https://store-${store.hash}.mybigcommerce.com${String((product['custom_url'] as { url?: string } | undefined)?.url ?? '/')}`,
      quantity: line.quantity,
      is_taxable: true,
      image_url: '',
      discounts: [],
      coupons: [],
      discount_amount: 0,
      coupon_amount: 0,
      original_price: price,
      list_price: price,
      sale_price: price,
      extended_list_price: price * line.quantity,
      extended_sale_price: price * line.quantity,
      is_require_shipping: true,
      is_mutable: true,
    }
  })
  const amount = items.reduce((sum, item) => sum + item.extended_sale_price, 0)
  const customer = store.customers.find((candidate) => candidate.id === input.customer_id)
  const cart: CartRecord = {
    id: randomId(),
    customer_id: input.customer_id ?? 0,
    channel_id: 1,
    email: customer?.email ?? '',
    currency: { code: 'USD' },
    tax_included: false,
    base_amount: amount,
    discount_amount: 0,
    manual_discount_amount: 0,
    cart_amount: amount,
    coupons: [],
    discounts: [],
    line_items: { physical_items: items, digital_items: [], gift_certificates: [], custom_items: [] },
    created_time: isoDate(at),
    updated_time: isoDate(at),
    locale: 'en',
  }
  store.carts.push(cart)
  return cart
}

type OrderLine = { productId: number; variantId: number | undefined; quantity: number }
type Address = z.infer<typeof addressInputSchema>

function addressFields(address: Address) {
  return {
    first_name: address.first_name,
    last_name: address.last_name,
    company: '',
    street_1: address.street_1 ?? '',
    street_2: '',
    city: address.city ?? '',
    state: address.state ?? '',
    zip: address.zip ?? '',
    country: address.country ?? 'United States',
    country_iso2: address.country_iso2 ?? 'US',
    phone: '',
    email: address.email ?? '',
  }
}

function buildOrder(
  store: StoreState,
  lines: readonly OrderLine[],
  options: { customerId: number; billing: Address; cartId: string; source: string; statusId: number | undefined },
  at: Date,
): { order: OrderRecord; events: StoreEvent[] } {
  const priced = lines.map((line) => ({ line, ...requireProduct(store, line.productId, line.variantId) }))
  const id = nextId(store.orders, 100)
  const addressId = nextId(store.orderAddresses, 1)
  const subtotal = priced.reduce((sum, item) => sum + item.price * item.line.quantity, 0)
  const itemsTotal = priced.reduce((sum, item) => sum + item.line.quantity, 0)
  const billing = addressFields(options.billing)
  const shippingAddress: OrderAddressRecord = {
    id: addressId,
    order_id: id,
    ...billing,
    items_total: itemsTotal,
    items_shipped: 0,
    shipping_method: 'Flat Rate',
    base_cost: money(0),
    cost_ex_tax: money(0),
    cost_inc_tax: money(0),
    cost_tax: money(0),
    cost_tax_class_id: 2,
    base_handling_cost: money(0),
    handling_cost_ex_tax: money(0),
    handling_cost_inc_tax: money(0),
    handling_cost_tax: money(0),
    handling_cost_tax_class_id: 2,
    shipping_zone_id: 1,
    shipping_zone_name: 'United States',
    form_fields: [],
  }
  store.orderAddresses.push(shippingAddress)
  for (const item of priced) {
    const orderProduct: OrderProductRecord = {
      id: nextId(store.orderProducts, 1),
      order_id: id,
      product_id: item.product.id,
      variant_id: item.variant.id,
      order_address_id: addressId,
      name: item.product.name,
      sku: item.variant.sku,
      type: 'physical',
      base_price: money(item.price),
      price_ex_tax: money(item.price),
      price_inc_tax: money(item.price),
      price_tax: money(0),
      base_total: money(item.price * item.line.quantity),
      total_ex_tax: money(item.price * item.line.quantity),
      total_inc_tax: money(item.price * item.line.quantity),
      total_tax: money(0),
      quantity: item.line.quantity,
      quantity_shipped: 0,
      is_refunded: false,
      quantity_refunded: 0,
      product_options: [],
    }
    store.orderProducts.push(orderProduct)
  }
  const status = options.statusId === undefined ? ORDER_STATUSES[11] : ORDER_STATUSES[options.statusId]
  const order: OrderRecord = {
    id,
    customer_id: options.customerId,
    date_created: rfc2822Date(at),
    date_modified: rfc2822Date(at),
    date_shipped: '',
    status_id: options.statusId ?? 11,
    status: status ?? 'Awaiting Fulfillment',
    custom_status: status ?? 'Awaiting Fulfillment',
    subtotal_ex_tax: money(subtotal),
    subtotal_inc_tax: money(subtotal),
    subtotal_tax: money(0),
    base_shipping_cost: money(0),
    shipping_cost_ex_tax: money(0),
    shipping_cost_inc_tax: money(0),
    shipping_cost_tax: money(0),
    shipping_cost_tax_class_id: 2,
    base_handling_cost: money(0),
    handling_cost_ex_tax: money(0),
    handling_cost_inc_tax: money(0),
    handling_cost_tax: money(0),
    handling_cost_tax_class_id: 2,
    base_wrapping_cost: money(0),
    wrapping_cost_ex_tax: money(0),
    wrapping_cost_inc_tax: money(0),
    wrapping_cost_tax: money(0),
    wrapping_cost_tax_class_id: 3,
    total_ex_tax: money(subtotal),
    total_inc_tax: money(subtotal),
    total_tax: money(0),
    items_total: itemsTotal,
    items_shipped: 0,
    payment_method: options.source === 'www' ? 'Credit Card' : 'Manual',
    payment_provider_id: null,
    payment_status: options.source === 'www' ? 'captured' : '',
    refunded_amount: money(0),
    order_is_digital: false,
    store_credit_amount: money(0),
    gift_certificate_amount: money(0),
    ip_address: '',
    geoip_country: '',
    geoip_country_iso2: '',
    currency_id: 1,
    currency_code: 'USD',
    currency_exchange_rate: '1.0000000000',
    default_currency_id: 1,
    default_currency_code: 'USD',
    store_default_currency_code: 'USD',
    store_default_to_transactional_exchange_rate: '1.0000000000',
    staff_notes: '',
    customer_message: '',
    discount_amount: money(0),
    coupon_discount: money(0),
    shipping_address_count: 1,
    is_deleted: false,
    ebay_order_id: '0',
    cart_id: options.cartId,
    billing_address: { ...billing, form_fields: [] },
    is_email_opt_in: false,
    credit_card_type: null,
    order_source: options.source,
    channel_id: 1,
    external_source: '',
    external_id: null,
    external_merchant_id: null,
    tax_provider_id: 'BasicTaxProvider',
    customer_locale: 'en',
    external_order_id: '',
    products: link(store.hash, `/orders/${id}/products`),
    shipping_addresses: link(store.hash, `/orders/${id}/shipping_addresses`),
    coupons: link(store.hash, `/orders/${id}/coupons`),
  }
  store.orders.push(order)
  return { order, events: [{ scope: 'store/order/created', data: { type: 'order', id } }] }
}

const ORDER_STATUSES: Record<number, string> = {
  0: 'Incomplete',
  1: 'Pending',
  2: 'Shipped',
  3: 'Partially Shipped',
  7: 'Awaiting Payment',
  9: 'Awaiting Shipment',
  10: 'Completed',
  11: 'Awaiting Fulfillment',
}

/** `POST /v2/orders`: an order with no cart behind it. */
export function createOrder(store: StoreState, input: OrderInput, at: Date): { order: OrderRecord; events: StoreEvent[] } {
  if (input.status_id !== undefined && !(input.status_id in ORDER_STATUSES)) {
    throw new SimulatorError(400, 'The field status_id is invalid', { status_id: `Unknown status ${input.status_id}.` })
  }
  const lines = input.products.map((line) => ({ productId: line.product_id, variantId: line.variant_id, quantity: line.quantity }))
  return buildOrder(
    store,
    lines,
    { customerId: input.customer_id ?? 0, billing: input.billing_address, cartId: '', source: 'external', statusId: input.status_id },
    at,
  )
}

/** A checkout completes: the cart becomes an order and is deleted (notes §2.1, Cart Converted). */
export function convertCart(
  store: StoreState,
  cartId: string,
  billing: Address | undefined,
  at: Date,
): { order: OrderRecord; events: StoreEvent[] } {
  const cart = store.carts.find((candidate) => candidate.id === cartId)
  if (!cart) throw new SimulatorError(404, 'Cart not found')
  const customer = store.customers.find((candidate) => candidate.id === cart.customer_id)
  const lines = cart.line_items.physical_items.map((item) => ({
    productId: item.product_id,
    variantId: item.variant_id,
    quantity: item.quantity,
  }))
  const address: Address = billing ?? {
    first_name: typeof customer?.['first_name'] === 'string' ? customer['first_name'] : 'Guest',
    last_name: typeof customer?.['last_name'] === 'string' ? customer['last_name'] : 'Shopper',
    email: customer?.email ?? '',
  }
  const result = buildOrder(
    store,
    lines,
    { customerId: cart.customer_id, billing: address, cartId, source: 'www', statusId: undefined },
    at,
  )
  store.carts = store.carts.filter((candidate) => candidate.id !== cartId)
  result.events.push({ scope: 'store/cart/converted', data: { type: 'cart', id: cartId, orderId: result.order.id } })
  return result
}

// ── Shipments ───────────────────────────────────────────────────────────────

export function createShipment(
  store: StoreState,
  orderId: number,
  input: ShipmentInput,
  at: Date,
): { shipment: ShipmentRecord; events: StoreEvent[] } {
  const order = store.orders.find((candidate) => candidate.id === orderId)
  if (!order) throw new SimulatorError(404, 'The requested resource was not found.')
  const address = store.orderAddresses.find((candidate) => candidate.id === input.order_address_id && candidate.order_id === orderId)
  if (!address)
    throw new SimulatorError(400, 'The field order_address_id is invalid', {
      order_address_id: `Order ${orderId} has no address ${input.order_address_id}.`,
    })
  const lines = input.items.map((item) => {
    const orderProduct = store.orderProducts.find((candidate) => candidate.id === item.order_product_id && candidate.order_id === orderId)
    if (!orderProduct)
      throw new SimulatorError(400, 'The field items is invalid', {
        items: `Order ${orderId} has no product line ${item.order_product_id}.`,
      })
    if (orderProduct.quantity_shipped + item.quantity > orderProduct.quantity) {
      throw new SimulatorError(400, 'The field items is invalid', {
        items: `Only ${orderProduct.quantity - orderProduct.quantity_shipped} of line ${orderProduct.id} are left to ship.`,
      })
    }
    return { orderProduct, quantity: item.quantity }
  })
  for (const { orderProduct, quantity } of lines) orderProduct.quantity_shipped += quantity
  const shippedNow = lines.reduce((sum, line) => sum + line.quantity, 0)
  order.items_shipped += shippedNow
  address['items_shipped'] = (typeof address['items_shipped'] === 'number' ? address['items_shipped'] : 0) + shippedNow
  const fullyShipped = order.items_shipped >= order.items_total
  order['status_id'] = fullyShipped ? 2 : 3
  order['status'] = ORDER_STATUSES[fullyShipped ? 2 : 3]
  order['custom_status'] = order['status']
  order['date_shipped'] = rfc2822Date(at)
  order['date_modified'] = rfc2822Date(at)

  const id = nextId(store.shipments, 1)
  const { id: _addressId, order_id: _orderId, ...shippingAddress } = address
  const shipment: ShipmentRecord = {
    id,
    order_id: orderId,
    customer_id: order.customer_id,
    order_address_id: address.id,
    date_created: rfc2822Date(at),
    tracking_number: input.tracking_number ?? '',
    merchant_shipping_cost: money(0),
    shipping_method: input.shipping_method ?? 'Flat Rate',
    shipping_provider: input.shipping_provider ?? '',
    shipping_provider_display_name: input.shipping_provider ?? '',
    tracking_carrier: '',
    tracking_link: '',
    generated_tracking_link: '',
    comments: input.comments ?? '',
    billing_address: order['billing_address'],
    shipping_address: shippingAddress,
    items: lines.map(({ orderProduct, quantity }) => ({
      order_product_id: orderProduct.id,
      product_id: orderProduct.product_id,
      quantity,
    })),
  }
  store.shipments.push(shipment)
  return { shipment, events: [{ scope: 'store/shipment/created', data: { type: 'shipment', id, orderId } }] }
}
