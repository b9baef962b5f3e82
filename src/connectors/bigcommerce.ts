import type { EventScope } from '../contract/events'
import type { ConnectorDefinition, EventDefinition } from './connector-definition'

/**
 * The BigCommerce trigger, with the labels of the documented flow
 * (shared/reference/bigcommerce-trigger-guide.md). The samples are the documented example
 * deliveries (bigcommerce/docs, docs/webhooks/callbacks/data/*.json).
 */
export const bigcommerceConnector = {
  id: 'bigcommerce',
  name: 'BigCommerce',
  description: 'Start an automation when something happens in your BigCommerce store.',
  auth: {
    title: 'Authorize',
    fields: [
      {
        name: 'storeHash',
        label: 'Store Hash',
        secret: false,
        optional: false,
        help: 'From the API path https://api.bigcommerce.com/stores/{store hash}/v3/. You can paste the whole path.',
      },
      {
        name: 'accessToken',
        label: 'Access Token',
        secret: { showLabel: 'Show token' },
        optional: false,
        help: 'Shown once when the API account is created. It is stored encrypted and never shown again.',
      },
      {
        name: 'clientSecret',
        label: 'Client Secret',
        secret: { showLabel: 'Show secret' },
        optional: true,
        help: 'Optional. Shown with the Access Token when the API account is created (and in the credentials file it downloads). With it, the signature BigCommerce puts on every delivery is checked, so a forged or replayed one is refused. It is stored encrypted and never shown again.',
      },
    ],
    help: {
      steps: [
        'Log into your BigCommerce dashboard.',
        'Click the Advanced Settings tab in the navigation and select API Accounts.',
        'Under the “API Accounts” section, click + Create API Account.',
        'Provide a Name and set the OAuth scopes. Once done, click Save.',
        'Copy the “Store Hash” and “Access Token” to your clipboard for future use.',
      ],
      link: {
        label: 'Store API Accounts',
        href: 'https://support.bigcommerce.com/s/article/Store-API-Accounts?language=en_US',
      },
    },
  },
  triggers: [
    {
      id: 'bigcommerce',
      name: 'BigCommerce',
      description: 'Listen for BigCommerce events such as a new order or product.',
    },
  ],
  events: [
    {
      scope: 'store/cart/converted',
      label: 'Cart Converted',
      description: 'A cart is converted into an order, typically after payment at checkout.',
      record: 'order placed from a cart',
      doInStore: 'Check out a cart on the storefront',
      readScope: { label: 'Orders: read-only', parameter: 'store_v2_orders_read_only' },
      readArea: 'orders',
      sample: {
        scope: 'store/cart/converted',
        store_id: '1025646',
        data: { type: 'cart', id: 'd30016e2-23c0-4a90-884f-2e92ac135476', orderId: 252 },
        hash: 'b86db7c77d7ef8f90d6a8aefa56de32ccd776923',
        created_at: 1561486893,
        producer: 'stores/{store_hash}',
      },
    },
    {
      scope: 'store/customer/created',
      label: 'Customer Created',
      description: 'A new customer is created.',
      record: 'customer',
      doInStore: 'Create a customer',
      readScope: { label: 'Customers: read-only', parameter: 'store_v2_customers_read_only' },
      readArea: 'customers',
      sample: {
        scope: 'store/customer/created',
        store_id: '1025646',
        data: { type: 'customer', id: 32 },
        hash: '8768ab15aa86c6d73c7e4c3efbaee072110ad1d2',
        created_at: 1561481571,
        producer: 'stores/{store_hash}',
      },
    },
    {
      scope: 'store/product/created',
      label: 'Product Created',
      description: 'A new product is created.',
      record: 'product',
      doInStore: 'Create a product',
      readScope: { label: 'Products: read-only', parameter: 'store_v2_products_read_only' },
      readArea: 'products',
      sample: {
        scope: 'store/product/created',
        store_id: '1025646',
        data: { type: 'product', id: 205 },
        hash: 'a833a57fadd56a32dc752fb6ca0841dc9602a495',
        created_at: 1561479233,
        producer: 'stores/{store_hash}',
      },
    },
    {
      scope: 'store/order/created',
      label: 'Order Created',
      description: 'An order is created from the storefront, the control panel, an app or the API.',
      record: 'order',
      doInStore: 'Create an order',
      readScope: { label: 'Orders: read-only', parameter: 'store_v2_orders_read_only' },
      readArea: 'orders',
      sample: {
        scope: 'store/order/created',
        store_id: '1025646',
        data: { type: 'order', id: 250 },
        hash: 'dd70c0976e06b67aaf671e73f49dcb79230ebf9d',
        created_at: 1561479335,
        producer: 'stores/{store_hash}',
      },
    },
    {
      scope: 'store/shipment/created',
      label: 'Shipment Created',
      description: 'A shipment is created for an order.',
      record: 'shipment',
      doInStore: 'Ship an order',
      readScope: { label: 'Orders: read-only', parameter: 'store_v2_orders_read_only' },
      readArea: 'orders',
      sample: {
        scope: 'store/shipment/created',
        store_id: '1025646',
        data: { type: 'shipment', id: 12, orderId: 251 },
        hash: '8b98021cb0faa7e3a58a0e4182d3696a4bdd24ab',
        created_at: 1561482857,
        producer: 'stores/{store_hash}',
      },
    },
    {
      scope: 'store/sku/created',
      label: 'SKU Created',
      description: 'A new SKU (product variant) is created.',
      record: 'SKU',
      doInStore: 'Add a variant to a product',
      readScope: { label: 'Products: read-only', parameter: 'store_v2_products_read_only' },
      readArea: 'products',
      sample: {
        scope: 'store/sku/created',
        store_id: '1025646',
        data: { type: 'sku', id: 461, sku: { product_id: 206, variant_id: 509 } },
        hash: '7a0866943b1f46cfda31c3218931f5aab83a4c73',
        created_at: 1561480465,
        producer: 'stores/{store_hash}',
      },
    },
  ],
  optionalFields: {
    customHeaders: { label: 'Custom Header', addLabel: '+ Add Custom Header' },
  },
} as const satisfies ConnectorDefinition

export function eventDefinition(scope: EventScope): EventDefinition {
  const event = bigcommerceConnector.events.find((candidate) => candidate.scope === scope)
  if (!event) throw new Error(`Unknown BigCommerce event ${scope}`)
  return event
}
