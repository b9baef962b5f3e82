import { appendIndex, appendKey } from './json-path'
import { formatScalar, isContainer, jsonTypeOf, type JsonType } from './json-type'

export interface FlatRow {
  path: string
  type: JsonType
  /** What the table shows: a scalar as JSON writes it, or `{}` / `[]` for an empty container. */
  value: string
}

/**
 * Every leaf of `value` as one row, in document order. Empty objects and arrays are leaves too,
 * otherwise a field such as `custom_fields: []` would vanish from the table.
 */
export function flattenJson(value: unknown): FlatRow[] {
  const rows: FlatRow[] = []
  visit(value, '', rows)
  return rows
}

function visit(value: unknown, path: string, rows: FlatRow[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      rows.push({ path, type: 'array', value: '[]' })
      return
    }
    for (let index = 0; index < value.length; index++) visit(value[index], appendIndex(path, index), rows)
    return
  }
  if (isContainer(value)) {
    const record = value as Record<string, unknown>
    let empty = true
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue
      empty = false
      visit(record[key], appendKey(path, key), rows)
    }
    if (empty) rows.push({ path, type: 'object', value: '{}' })
    return
  }
  rows.push({ path, type: jsonTypeOf(value), value: formatScalar(value) })
}
