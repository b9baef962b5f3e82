import * as z from 'zod/mini'
import { requireProduct } from './catalog-operations'
import { SimulatorError, int, money, nextId, positiveInt, rfc2822Date, type StoreEvent } from './store-basics'
import type { OrderAddressRecord, OrderProductRecord, OrderRecord, ShipmentRecord, StoreState } from './store-state'

/** Orders and their shipments (orders.v2.oas2.yml); carts-operations.ts converts a cart into one. */

export const lineItemInputSchema = z.looseObject({ product_id: positiveInt, quantity: positiveInt, variant_id: z.optional(positiveInt) })

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

export const shipmentInputSchema = z.looseObject({
  order_address_id: positiveInt,
  items: z.array(z.looseObject({ order_product_id: positiveInt, quantity: positiveInt })).check(z.minLength(1)),
  tracking_number: z.optional(z.string()),
  shipping_provider: z.optional(z.string()),
  shipping_method: z.optional(z.string()),
  comments: z.optional(z.string()),
})
type ShipmentInput = z.infer<typeof shipmentInputSchema>

type OrderLine = { productId: number; variantId: number | undefined; quantity: number }
export type Address = z.infer<typeof addressInputSchema>

function link(hash: string, resource: string) {
  return { url: `https://api.bigcommerce.com/stores/${hash}/v2${resource}`, resource }
}

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

/** The order, its shipping address and product lines, all in the store; the caller raises its events. */
export function buildOrder(
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

/** `POST /v2/orders/{order_id}/shipments`: ships some of the order's lines and moves its status on. */
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
