/**
 * No text the app takes may hold a NUL character or half of a UTF-16 surrogate pair: PostgreSQL's
 * text cannot (a query with one fails, and with it the batch of deliveries it writes), and no
 * field needs one. Refused at the boundary (request bodies, queries, the log's cursor), so every
 * backend answers alike.
 */
export const UNSTORABLE_TEXT = 'Text cannot hold a NUL character (\\u0000) or an unpaired surrogate (\\ud800–\\udfff).'
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
/** In JSON text such characters can only come as escapes: a bare NUL is not JSON, and decoding the body's UTF-8 makes no lone surrogate. */
export const UNSTORABLE_ESCAPE = /\\u(?:0000|[dD][89a-fA-F])/

/** The dotted field of the first text in parsed JSON, a value or a key, that PostgreSQL cannot hold ('' for the value itself). */
export function fieldWithUnstorableText(value: unknown, path: readonly string[] = []): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path.join('.') : undefined
  if (typeof value !== 'object' || value === null) return undefined
  for (const [key, item] of Object.entries(value)) {
    const found = UNSTORABLE.test(key) ? [...path, key].join('.') : fieldWithUnstorableText(item, [...path, key])
    if (found !== undefined) return found
  }
  return undefined
}
