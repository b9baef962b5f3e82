import { describe, expect, it } from 'vitest'
import { flattenJson } from './flatten-json'

describe('flattenJson', () => {
  it('gives one row per leaf with its path, type and display value', () => {
    expect(flattenJson({ data: { id: 42, type: 'order', paid: true, note: null }, items: [{ name: 'Mug' }] })).toEqual([
      { path: 'data.id', type: 'number', value: '42' },
      { path: 'data.type', type: 'string', value: '"order"' },
      { path: 'data.paid', type: 'boolean', value: 'true' },
      { path: 'data.note', type: 'null', value: 'null' },
      { path: 'items[0].name', type: 'string', value: '"Mug"' },
    ])
  })

  it('keeps empty objects and arrays as their own rows', () => {
    expect(flattenJson({ meta: {}, tags: [], nested: [[]] })).toEqual([
      { path: 'meta', type: 'object', value: '{}' },
      { path: 'tags', type: 'array', value: '[]' },
      { path: 'nested[0]', type: 'array', value: '[]' },
    ])
  })

  it('quotes keys that are not identifiers', () => {
    expect(flattenJson({ headers: { 'content-type': 'application/json' } })).toEqual([
      { path: 'headers["content-type"]', type: 'string', value: '"application/json"' },
    ])
  })

  it('shows a scalar root as one row with an empty path', () => {
    expect(flattenJson('hello')).toEqual([{ path: '', type: 'string', value: '"hello"' }])
  })

  it('cuts long strings to one line', () => {
    const [row] = flattenJson({ body: 'x'.repeat(5000) })
    expect(row?.value.length).toBeLessThan(210)
    expect(row?.value.endsWith('…"')).toBe(true)
  })
})
