import { describe, expect, it } from 'vitest'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { callbackDataSchemas, callbackSchema, eventScopeSchema } from './events'

const productSample = bigcommerceConnector.events.find((event) => event.scope === 'store/product/created')?.sample

describe('callbackSchema', () => {
  it.each(bigcommerceConnector.events.map((event) => [event.label, event] as const))(
    'takes the documented %s delivery, with its scope-specific data',
    (_label, event) => {
      const delivery = { ...event.sample, producer: 'stores/demostore1' }
      expect(callbackSchema.parse(delivery)).toEqual(delivery)
      expect(callbackDataSchemas[event.scope].safeParse(delivery.data).success).toBe(true)
    },
  )

  it('offers exactly the six events, by their documented scopes', () => {
    expect(bigcommerceConnector.events.map((event) => [event.label, event.scope])).toEqual([
      ['Cart Converted', 'store/cart/converted'],
      ['Customer Created', 'store/customer/created'],
      ['Product Created', 'store/product/created'],
      ['Order Created', 'store/order/created'],
      ['Shipment Created', 'store/shipment/created'],
      ['SKU Created', 'store/sku/created'],
    ])
    expect(eventScopeSchema.options).toHaveLength(6)
  })

  it('tolerates keys BigCommerce adds later, and a numeric store_id as older docs showed', () => {
    const delivery = {
      ...productSample,
      producer: 'stores/abc123',
      store_id: 1025646,
      data: { type: 'product', id: 5, channel_ids: [1] },
      extra: true,
    }
    expect(callbackSchema.parse(delivery)).toMatchObject({ store_id: 1025646, extra: true, data: { channel_ids: [1] } })
  })

  it.each([
    ['a producer that is not a store', { producer: 'apps/abc123' }],
    ['the documented placeholder producer', { producer: 'stores/{store_hash}' }],
    ['a missing hash', { hash: '' }],
    ['a created_at that is not whole seconds', { created_at: 1.5 }],
  ])('refuses %s', (_case, change) => {
    expect(callbackSchema.safeParse({ ...productSample, producer: 'stores/abc123', ...change }).success).toBe(false)
  })

  it('refuses SKU data without the product and variant ids an action needs', () => {
    expect(callbackDataSchemas['store/sku/created'].safeParse({ type: 'sku', id: 461 }).success).toBe(false)
  })
})
