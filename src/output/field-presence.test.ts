import { describe, expect, it } from 'vitest'
import { fieldPresence } from './field-presence'

describe('fieldPresence', () => {
  it('counts in how many documents each path appears, and as which types', () => {
    const documents = [
      { scope: 'store/cart/converted', data: { type: 'cart', id: 'c-1', orderId: 252 } },
      { scope: 'store/order/created', data: { type: 'order', id: 250 } },
      { scope: 'store/order/created', data: { type: 'order', id: 251 } },
    ]
    expect(fieldPresence(documents)).toEqual({
      total: 3,
      fields: [
        { path: 'scope', count: 3, types: [{ type: 'string', count: 3 }] },
        { path: 'data', count: 3, types: [{ type: 'object', count: 3 }] },
        { path: 'data.type', count: 3, types: [{ type: 'string', count: 3 }] },
        {
          path: 'data.id',
          count: 3,
          types: [
            { type: 'string', count: 1 },
            { type: 'number', count: 2 },
          ],
        },
        { path: 'data.orderId', count: 1, types: [{ type: 'number', count: 1 }] },
      ],
    })
  })

  it('counts a path inside arrays once per document, and notes null as a type of its own', () => {
    const { fields } = fieldPresence([{ items: [{ id: 1 }, { id: 2 }] }, { items: [] }, { items: [{ id: null }] }])
    expect(fields).toEqual([
      { path: 'items', count: 3, types: [{ type: 'array', count: 3 }] },
      { path: 'items[]', count: 2, types: [{ type: 'object', count: 2 }] },
      {
        path: 'items[].id',
        count: 2,
        types: [
          { type: 'number', count: 1 },
          { type: 'null', count: 1 },
        ],
      },
    ])
  })

  it('has no fields for no documents', () => {
    expect(fieldPresence([])).toEqual({ total: 0, fields: [] })
  })
})
