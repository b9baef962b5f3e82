import { describe, expect, it } from 'vitest'
import { appendArrayItems, appendIndex, appendKey, formatJsonPath } from './json-path'

describe('formatJsonPath', () => {
  it('joins identifier keys with dots', () => {
    expect(formatJsonPath(['data', 'id'])).toBe('data.id')
    expect(formatJsonPath(['data', 'sku', 'product_id'])).toBe('data.sku.product_id')
  })

  it('writes array indexes in brackets', () => {
    expect(formatJsonPath(['items', 0, 'name'])).toBe('items[0].name')
    expect(formatJsonPath([2])).toBe('[2]')
  })

  it('quotes keys that are not identifiers', () => {
    expect(formatJsonPath(['headers', 'content-type'])).toBe('headers["content-type"]')
    expect(formatJsonPath(['1st'])).toBe('["1st"]')
    expect(formatJsonPath(['a.b'])).toBe('["a.b"]')
    expect(formatJsonPath(['say "hi"'])).toBe('["say \\"hi\\""]')
    expect(formatJsonPath([''])).toBe('[""]')
  })

  it('keeps $ and _ keys as identifiers', () => {
    expect(formatJsonPath(['$meta', '_links'])).toBe('$meta._links')
  })

  it('is empty for the root', () => {
    expect(formatJsonPath([])).toBe('')
  })
})

describe('path builders', () => {
  it('append one segment at a time', () => {
    expect(appendKey(appendIndex(appendKey('', 'items'), 3), 'sku')).toBe('items[3].sku')
    expect(appendKey(appendArrayItems('items'), 'id')).toBe('items[].id')
  })
})
