import type { StoreCredentials } from '../../core/ports'
import { convertCart, createCart } from './carts-operations'
import { createProduct } from './catalog-operations'
import { createCustomer } from './customers-operations'
import { createOrder, createShipment } from './orders-operations'
import type { ApiAccount, StoreState } from './store-state'

/**
 * The demo store the simulator starts with. Formats follow docs/bigcommerce-api-notes.md §4.3: a 10-character hash,
 * a 10-digit store id, 31-character lowercase tokens and client ids.
 */

export const DEMO_FULL_ACCOUNT: ApiAccount = {
  name: 'Automations (all read scopes)',
  clientId: 'k3m9q2x7v1c8b4n6p0z5r2t7y9w1d3f',
  clientSecret: 'h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q',
  accessToken: 'q8w2e4r6t1y3u5i7o9p0a2s4d6f8g1h',
  scopes: ['store_v2_information_read_only', 'store_v2_products', 'store_v2_orders', 'store_v2_customers', 'store_cart', 'store_checkouts'],
}

/** A token without Information & Settings and Products, to exercise the 403 paths. */
const DEMO_LIMITED_ACCOUNT: ApiAccount = {
  name: 'Orders only',
  clientId: 'z1x2c3v4b5n6m7l8k9j0h1g2f3d4s5a',
  clientSecret: 'p2o4i6u8y1t3r5e7w9q0l2k4j6h8g1f',
  accessToken: 'm1n2b3v4c5x6z7l8k9j0h1g2f3d4s5p',
  scopes: ['store_v2_orders_read_only', 'store_v2_customers_read_only'],
}

export const DEMO_STORE_HASH = 'demostore1'

export const DEMO_CREDENTIALS: StoreCredentials = { storeHash: DEMO_STORE_HASH, accessToken: DEMO_FULL_ACCOUNT.accessToken }
export const DEMO_LIMITED_CREDENTIALS: StoreCredentials = { storeHash: DEMO_STORE_HASH, accessToken: DEMO_LIMITED_ACCOUNT.accessToken }

/** A store with API accounts and no records yet. */
export function emptyStore(options: { hash: string; storeId: string; name: string; accounts: ApiAccount[] }): StoreState {
  return {
    ...options,
    hooks: [],
    products: [],
    variants: [],
    customers: [],
    orders: [],
    orderProducts: [],
    orderAddresses: [],
    shipments: [],
    carts: [],
    notificationEmails: {},
    blockedDomains: [],
    deactivatedHookIds: [],
  }
}

function buildDemoStore(): StoreState {
  const store = emptyStore({
    hash: DEMO_STORE_HASH,
    storeId: '1001234567',
    name: 'Demo Store',
    accounts: [DEMO_FULL_ACCOUNT, DEMO_LIMITED_ACCOUNT],
  })
  // Fixed times and ids keep the seed identical on every start.
  let clock = Date.UTC(2025, 0, 6, 9, 0, 0)
  const at = () => new Date((clock += 3_600_000))
  const cartIds = ['7c1e9b2a-4d3f-4e8a-9b61-2f0c5d8e1a47', '0f6b2d9e-8a14-4c7b-b3e2-91d5a6c0f832', '5a9e3c71-2b8d-4f06-a4c9-e17d3b5f2c60']
  const cartItemIds = [
    'c4b7e2a9-1f3d-4a6e-8b05-d2c9f7e1a348',
    'e8a1d5c3-7b29-4f4e-9c16-a3b0e5d7f921',
    '9d2f6a1c-3e8b-4c57-b0a4-f1e7c3d9a265',
  ]
  let nextCartId = 0
  let nextItemId = 0
  const cartId = () => cartIds[nextCartId++] ?? 'c0000000-0000-4000-8000-000000000000'
  const itemId = () => cartItemIds[nextItemId++] ?? 'c0000000-0000-4000-8000-000000000001'

  const mug = createProduct(
    store,
    { name: 'Enamel Camp Mug', type: 'physical', weight: 0.6, price: 18, sku: 'MUG-ENAMEL', inventory_level: 40 },
    at(),
  ).product
  const tee = createProduct(
    store,
    {
      name: 'Logo T-Shirt',
      type: 'physical',
      weight: 0.4,
      price: 25,
      sku: 'TEE',
      variants: [{ sku: 'TEE-S' }, { sku: 'TEE-M' }, { sku: 'TEE-L', price: 27 }],
    },
    at(),
  ).product
  const guide = createProduct(store, { name: 'Trail Guide (PDF)', type: 'digital', weight: 0, price: 9.5, sku: 'GUIDE-PDF' }, at()).product

  const ada = createCustomer(store, { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' }, at()).customer
  const alan = createCustomer(
    store,
    { email: 'alan@example.com', first_name: 'Alan', last_name: 'Turing', company: 'Bletchley' },
    at(),
  ).customer
  createCustomer(store, { email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' }, at())

  const billing = {
    first_name: 'Ada',
    last_name: 'Lovelace',
    street_1: '12 Analytical Way',
    city: 'Austin',
    state: 'Texas',
    zip: '78701',
    country: 'United States',
    country_iso2: 'US',
    email: 'ada@example.com',
  }
  createOrder(store, { customer_id: ada.id, billing_address: billing, products: [{ product_id: mug.id, quantity: 2 }] }, at())

  const firstCart = createCart(
    store,
    {
      customer_id: alan.id,
      line_items: [
        { product_id: tee.id, quantity: 1 },
        { product_id: guide.id, quantity: 1 },
      ],
    },
    at(),
    itemId,
  )
  firstCart.id = cartId()
  const shippedOrder = convertCart(store, firstCart.id, undefined, at()).order
  const shippedLine = store.orderProducts.find((line) => line.order_id === shippedOrder.id)
  const shippedAddress = store.orderAddresses.find((address) => address.order_id === shippedOrder.id)
  if (shippedLine && shippedAddress) {
    createShipment(
      store,
      shippedOrder.id,
      {
        order_address_id: shippedAddress.id,
        items: [{ order_product_id: shippedLine.id, quantity: 1 }],
        tracking_number: '1Z999AA10123456784',
        shipping_provider: 'ups',
      },
      at(),
    )
  }

  const secondCart = createCart(store, { customer_id: ada.id, line_items: [{ product_id: mug.id, quantity: 1 }] }, at(), itemId)
  secondCart.id = cartId()
  convertCart(store, secondCart.id, undefined, at())

  // One cart still open, so `/v3/carts/{id}` has something to answer.
  const openCart = createCart(store, { customer_id: ada.id, line_items: [{ product_id: guide.id, quantity: 1 }] }, at(), itemId)
  openCart.id = cartId()
  return store
}

/** The seeded demo store: products with variants, customers, orders (two from carts) and a shipment. */
export const DEMO_STORE: StoreState = buildDemoStore()
