import * as z from 'zod/mini'
import { requireProduct } from './catalog-operations'
import { buildOrder, lineItemInputSchema, type Address } from './orders-operations'
import { SimulatorError, int, isoDate, type StoreEvent } from './store-basics'
import type { CartRecord, OrderRecord, StoreState } from './store-state'

/** Carts and checkouts (carts.v3.yml): a cart, and the checkout that converts it into an order. */

export const cartInputSchema = z.looseObject({
  customer_id: z.optional(int),
  line_items: z.array(lineItemInputSchema).check(z.minLength(1)),
})
type CartInput = z.infer<typeof cartInputSchema>

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

/** A checkout completes: the cart becomes an order and is deleted (docs/bigcommerce-api-notes.md §2.1, Cart Converted). */
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
