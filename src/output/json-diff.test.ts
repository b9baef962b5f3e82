import { describe, expect, it } from 'vitest'
import { bigcommerceConnector } from '../connectors/bigcommerce'
import { diffJson } from './json-diff'

const delivery = (id: number, hash: string) => ({
  scope: 'store/product/created',
  store_id: '1001',
  data: { type: 'product', id },
  hash,
  created_at: 1767225600 + id,
  producer: 'stores/demostore1',
})

describe('diffJson', () => {
  it('finds nothing between equal values, whatever their key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual({ entries: [], unchanged: 3 })
  })

  it('names the changed paths of two deliveries, with both values', () => {
    expect(diffJson(delivery(7, 'aaa'), delivery(8, 'bbb')).entries).toEqual([
      { kind: 'changed', path: 'data.id', left: 7, right: 8 },
      { kind: 'changed', path: 'hash', left: 'aaa', right: 'bbb' },
      { kind: 'changed', path: 'created_at', left: 1767225607, right: 1767225608 },
    ])
  })

  it('shows a delivery against the documented sample: what only one side has, once per subtree', () => {
    const sku = bigcommerceConnector.events.find((event) => event.scope === 'store/sku/created')?.sample
    const product = { ...delivery(7, 'aaa'), extra: { nested: true } }
    const { entries } = diffJson(product, sku)
    // Left's keys in order, each object's new keys after its own: data.sku inside data.
    expect(entries.map(({ kind, path }) => `${kind} ${path}`)).toEqual([
      'changed scope',
      'changed store_id',
      'changed data.type',
      'changed data.id',
      'added data.sku',
      'changed hash',
      'changed created_at',
      'changed producer',
      'removed extra',
    ])
    expect(entries.find((entry) => entry.path === 'extra')).toEqual({ kind: 'removed', path: 'extra', left: { nested: true } })
    expect(entries.find((entry) => entry.path === 'data.sku')).toEqual({
      kind: 'added',
      path: 'data.sku',
      right: { product_id: 206, variant_id: 509 },
    })
  })

  it('compares arrays by index and reports a change of type without looking inside', () => {
    expect(diffJson({ tags: ['a', 'b'], meta: { x: 1 } }, { tags: ['a', 'c', 'd'], meta: [1] }).entries).toEqual([
      { kind: 'changed', path: 'tags[1]', left: 'b', right: 'c' },
      { kind: 'added', path: 'tags[2]', right: 'd' },
      { kind: 'changed', path: 'meta', left: { x: 1 }, right: [1] },
    ])
    expect(diffJson({ 'content-type': 'a' }, {}).entries).toEqual([{ kind: 'removed', path: '["content-type"]', left: 'a' }])
    expect(diffJson(null, 1).entries).toEqual([{ kind: 'changed', path: '', left: null, right: 1 }])
  })
})
