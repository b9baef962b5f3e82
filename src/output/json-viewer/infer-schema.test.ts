import { describe, expect, it } from 'vitest'
import { inferSchema, schemaRows } from './infer-schema'

describe('inferSchema', () => {
  it('lists every field with its type', () => {
    expect(schemaRows(inferSchema({ data: { id: 42, type: 'order' }, created_at: 1700000000 }))).toEqual([
      { path: 'data', type: 'object', optional: false },
      { path: 'data.id', type: 'number', optional: false },
      { path: 'data.type', type: 'string', optional: false },
      { path: 'created_at', type: 'number', optional: false },
    ])
  })

  it('merges array items, marking fields missing from some items optional', () => {
    const rows = schemaRows(
      inferSchema({
        items: [
          { id: 1, sku: 'A', price: 9.5 },
          { id: 2, price: null },
          { id: 3, sku: 'C', price: 3 },
        ],
      }),
    )
    expect(rows).toEqual([
      { path: 'items', type: 'array', optional: false },
      { path: 'items[]', type: 'object', optional: false },
      { path: 'items[].id', type: 'number', optional: false },
      { path: 'items[].sku', type: 'string', optional: true },
      { path: 'items[].price', type: 'number | null', optional: false },
    ])
  })

  it('reports mixed item types of a scalar array', () => {
    expect(schemaRows(inferSchema({ tags: ['a', 1, null] }))).toEqual([
      { path: 'tags', type: 'array', optional: false },
      { path: 'tags[]', type: 'string | number | null', optional: false },
    ])
  })

  it('keeps an empty array without an item row', () => {
    expect(schemaRows(inferSchema({ tags: [] }))).toEqual([{ path: 'tags', type: 'array', optional: false }])
  })

  it('merges nested arrays and quotes non-identifier keys', () => {
    const rows = schemaRows(inferSchema([{ 'content-type': 'a', options: [{ v: 1 }] }, { options: [{ v: 'x' }, {}] }]))
    expect(rows).toEqual([
      { path: '', type: 'array', optional: false },
      { path: '[]', type: 'object', optional: false },
      { path: '[]["content-type"]', type: 'string', optional: true },
      { path: '[].options', type: 'array', optional: false },
      { path: '[].options[]', type: 'object', optional: false },
      { path: '[].options[].v', type: 'string | number', optional: true },
    ])
  })

  it('exposes the tree for mapping', () => {
    const schema = inferSchema({ id: 1, note: null })
    expect(schema.types).toEqual(['object'])
    expect(schema.fields.map((field) => [field.key, field.schema.types])).toEqual([
      ['id', ['number']],
      ['note', ['null']],
    ])
  })
})
