export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array'

/** Anything JSON.parse cannot produce (undefined, functions) is shown as null, as JSON.stringify would. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'string':
      return 'string'
    case 'number':
    case 'bigint':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'object':
      return 'object'
    default:
      return 'null'
  }
}

export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null
}

export function childCount(value: Record<string, unknown> | unknown[]): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length
}

// A row has one line; a long string is cut here rather than laid out and clipped by CSS.
const maxDisplayLength = 200

/** A scalar as JSON would write it (strings quoted), cut to one readable line. */
export function formatScalar(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= maxDisplayLength) return JSON.stringify(value)
    return `${JSON.stringify(value.slice(0, maxDisplayLength)).slice(0, -1)}…"`
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return 'null'
}

/** `{3}` for an object with three keys, `[12]` for an array of twelve; empty ones as JSON writes them. */
export function formatSummary(value: Record<string, unknown> | unknown[]): string {
  const count = childCount(value)
  if (count === 0) return Array.isArray(value) ? '[]' : '{}'
  return Array.isArray(value) ? `[${count}]` : `{${count}}`
}
