import { appendIndex, appendKey } from './json-path'
import { childCount, isContainer, jsonTypeOf, type JsonType } from './json-type'
import type { JsonSearch } from './search-json'

/** One visible line of the tree. Only expanded nodes contribute children, which keeps this list short. */
export interface TreeRow {
  path: string
  parentPath: string | null
  /** Object key or array index; null for a root that is not an object or array. */
  key: string | number | null
  value: unknown
  type: JsonType
  level: number
  setSize: number
  posInSet: number
  childCount: number
  expanded: boolean
  match: boolean
}

/**
 * Which nodes are open: a base rule plus the nodes the user toggled. "Expand all" is a base rule,
 * not a set of every path, so it costs nothing until rows are built.
 */
export interface Expansion {
  base: 'default' | 'all' | 'none'
  overrides: ReadonlyMap<string, boolean>
}

export const defaultExpansion: Expansion = { base: 'default', overrides: new Map() }

export function withToggled(expansion: Expansion, path: string, expanded: boolean): Expansion {
  const overrides = new Map(expansion.overrides)
  overrides.set(path, expanded)
  return { base: expansion.base, overrides }
}

function isExpanded(expansion: Expansion, path: string, level: number, search: JsonSearch | null): boolean {
  const override = expansion.overrides.get(path)
  if (override !== undefined) return override
  if (expansion.base === 'all') return true
  if (expansion.base === 'none') return false
  // By default the top level is open with its first level; a search opens the way to each match.
  return search ? search.ancestors.has(path) : level === 1
}

/**
 * The rows to show, in order. The root object or array itself has no row: its entries are level 1.
 * With a search, only matches, their ancestors and everything inside a matched container are kept.
 */
export function buildTreeRows(value: unknown, expansion: Expansion, search: JsonSearch | null): TreeRow[] {
  const rows: TreeRow[] = []
  if (isContainer(value) && childCount(value) > 0) {
    addChildren(value, '', 1, search === null, rows, expansion, search)
    return rows
  }
  if (search && !search.matches.has('')) return rows
  rows.push({
    path: '',
    parentPath: null,
    key: null,
    value,
    type: jsonTypeOf(value),
    level: 1,
    setSize: 1,
    posInSet: 1,
    childCount: 0,
    expanded: false,
    match: search?.matches.has('') ?? false,
  })
  return rows
}

function addChildren(
  container: Record<string, unknown> | unknown[],
  parentPath: string,
  level: number,
  showAll: boolean,
  rows: TreeRow[],
  expansion: Expansion,
  search: JsonSearch | null,
): void {
  const keys: ReadonlyArray<string | number> = Array.isArray(container) ? container.map((_, index) => index) : Object.keys(container)
  const pathOf = (key: string | number): string => (typeof key === 'number' ? appendIndex(parentPath, key) : appendKey(parentPath, key))
  const included = showAll
    ? keys
    : keys.filter((key) => {
        const path = pathOf(key)
        return search !== null && (search.matches.has(path) || search.ancestors.has(path))
      })

  included.forEach((key, index) => {
    const path = pathOf(key)
    const child = typeof key === 'number' ? (container as unknown[])[key] : (container as Record<string, unknown>)[key]
    const count = isContainer(child) ? childCount(child) : 0
    const match = search?.matches.has(path) ?? false
    const expanded = count > 0 && isExpanded(expansion, path, level, search)
    rows.push({
      path,
      parentPath: parentPath === '' ? null : parentPath,
      key,
      value: child,
      type: jsonTypeOf(child),
      level,
      setSize: included.length,
      posInSet: index + 1,
      childCount: count,
      expanded,
      match,
    })
    if (expanded && isContainer(child)) {
      addChildren(child, path, level + 1, showAll || match, rows, expansion, search)
    }
  })
}
