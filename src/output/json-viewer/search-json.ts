import { appendIndex, appendKey } from './json-path'

export interface JsonSearch {
  /** Lower-cased query the result is for. */
  query: string
  /** Paths whose key or scalar value contains the query. */
  matches: ReadonlySet<string>
  /** Paths of containers that hold a match, so the tree can open the way to it. */
  ancestors: ReadonlySet<string>
  /** The scan stopped at the limit, so there may be more matches. */
  capped: boolean
}

// Enough to be useful, few enough that a search over a 5 MB record stays well under a frame budget
// per keystroke once debounced; the count then reads "1000+".
export const maxMatches = 1000
// Only the start of a long string is searched, so one huge value cannot stall the scan.
const maxScanLength = 10_000

export function textMatches(text: string, lowerQuery: string): boolean {
  const scanned = text.length > maxScanLength ? text.slice(0, maxScanLength) : text
  return scanned.toLowerCase().includes(lowerQuery)
}

/** Finds keys and scalar values containing `query`, case-insensitively, stopping at `limit` matches. */
export function searchJson(value: unknown, query: string, limit = maxMatches): JsonSearch {
  const lowerQuery = query.toLowerCase()
  const matches = new Set<string>()
  const ancestors = new Set<string>()
  const stack: string[] = []
  const full = () => matches.size >= limit

  const record = (path: string): void => {
    matches.add(path)
    // Walk up until an ancestor already known: its own ancestors are known too.
    for (let index = stack.length - 1; index >= 0; index--) {
      const ancestor = stack[index] as string
      if (ancestors.has(ancestor)) break
      ancestors.add(ancestor)
    }
  }

  const visit = (node: unknown, path: string, key: string | null): void => {
    if (full()) return
    let matched = key !== null && textMatches(key, lowerQuery)
    if (typeof node !== 'object' || node === null) {
      matched ||= textMatches(node === undefined ? 'null' : String(node), lowerQuery)
      if (matched) record(path)
      return
    }
    if (matched) record(path)
    stack.push(path)
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length && !full(); index++) visit(node[index], appendIndex(path, index), null)
    } else {
      const object = node as Record<string, unknown>
      for (const childKey in object) {
        if (full()) break
        if (Object.hasOwn(object, childKey)) visit(object[childKey], appendKey(path, childKey), childKey)
      }
    }
    stack.pop()
  }

  if (lowerQuery !== '') visit(value, '', null)
  return { query: lowerQuery, matches, ancestors, capped: full() }
}
