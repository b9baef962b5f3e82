import { describe, expect, it } from 'vitest'
import { searchJson } from './search-json'

const payload = {
  scope: 'store/order/created',
  data: { type: 'order', id: 250 },
  items: [{ name: 'Orange mug' }, { name: 'Plate', tags: ['kitchen'] }],
}

describe('searchJson', () => {
  it('matches keys and values case-insensitively and records their ancestors', () => {
    const result = searchJson(payload, 'ORDER')
    expect([...result.matches]).toEqual(['scope', 'data.type'])
    expect([...result.ancestors]).toEqual(['', 'data'])
    expect(result.capped).toBe(false)
  })

  it('matches numbers by their digits and finds nested array items', () => {
    expect([...searchJson(payload, '25').matches]).toEqual(['data.id'])
    const kitchen = searchJson(payload, 'kitchen')
    expect([...kitchen.matches]).toEqual(['items[1].tags[0]'])
    expect([...kitchen.ancestors].sort()).toEqual(['', 'items', 'items[1]', 'items[1].tags'])
  })

  it('matches container keys', () => {
    expect([...searchJson(payload, 'tags').matches]).toEqual(['items[1].tags'])
  })

  it('stops at the limit', () => {
    const big = Array.from({ length: 100 }, (_, index) => ({ name: `item ${index}` }))
    const result = searchJson(big, 'item', 10)
    expect(result.matches.size).toBe(10)
    expect(result.capped).toBe(true)
  })

  it('finds nothing for an empty query', () => {
    expect(searchJson(payload, '').matches.size).toBe(0)
  })
})
