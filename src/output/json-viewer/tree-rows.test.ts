import { describe, expect, it } from 'vitest'
import { searchJson } from './search-json'
import { buildTreeRows, defaultExpansion, withToggled, type Expansion, type TreeRow } from './tree-rows'

const payload = {
  scope: 'store/order/created',
  data: { type: 'order', id: 250, meta: { a: 1 } },
  items: [{ name: 'Mug' }, { name: 'Plate' }],
  empty: {},
}

const outline = (rows: TreeRow[]) => rows.map((row) => `${'  '.repeat(row.level - 1)}${row.path}`)

describe('buildTreeRows', () => {
  it('opens the top level and its first level by default', () => {
    expect(outline(buildTreeRows(payload, defaultExpansion, null))).toEqual([
      'scope',
      'data',
      '  data.type',
      '  data.id',
      '  data.meta',
      'items',
      '  items[0]',
      '  items[1]',
      'empty',
    ])
  })

  it('sets ARIA position data and parent paths', () => {
    const rows = buildTreeRows(payload, defaultExpansion, null)
    const id = rows.find((row) => row.path === 'data.id')
    expect(id).toMatchObject({ level: 2, setSize: 3, posInSet: 2, parentPath: 'data', type: 'number' })
    const data = rows.find((row) => row.path === 'data')
    expect(data).toMatchObject({ level: 1, setSize: 4, posInSet: 2, parentPath: null, expanded: true, childCount: 3 })
    expect(rows.find((row) => row.path === 'empty')).toMatchObject({ childCount: 0, expanded: false })
  })

  it('expands and collapses everything, and honours toggles on top', () => {
    const all: Expansion = { base: 'all', overrides: new Map() }
    expect(buildTreeRows(payload, all, null)).toHaveLength(12)
    const none: Expansion = { base: 'none', overrides: new Map() }
    expect(outline(buildTreeRows(payload, none, null))).toEqual(['scope', 'data', 'items', 'empty'])
    expect(outline(buildTreeRows(payload, withToggled(none, 'items', true), null))).toEqual([
      'scope',
      'data',
      'items',
      '  items[0]',
      '  items[1]',
      'empty',
    ])
  })

  it('keeps only matches and the way to them while searching', () => {
    const rows = buildTreeRows(payload, defaultExpansion, searchJson(payload, 'plate'))
    expect(outline(rows)).toEqual(['items', '  items[1]', '    items[1].name'])
    expect(rows.map((row) => [row.setSize, row.posInSet, row.match])).toEqual([
      [1, 1, false],
      [1, 1, false],
      [1, 1, true],
    ])
  })

  it('shows the contents of a matched container once it is opened', () => {
    const search = searchJson(payload, 'meta')
    expect(outline(buildTreeRows(payload, defaultExpansion, search))).toEqual(['data', '  data.meta'])
    expect(outline(buildTreeRows(payload, withToggled(defaultExpansion, 'data.meta', true), search))).toEqual([
      'data',
      '  data.meta',
      '    data.meta.a',
    ])
  })

  it('gives a scalar or empty root one row', () => {
    expect(buildTreeRows(7, defaultExpansion, null)).toMatchObject([{ path: '', key: null, type: 'number' }])
    expect(buildTreeRows([], defaultExpansion, null)).toMatchObject([{ path: '', type: 'array', childCount: 0 }])
  })
})
