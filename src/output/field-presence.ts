import { inferSchema, schemaFields } from './json-viewer/infer-schema'
import type { JsonType } from './json-viewer/json-type'

/** One path across many documents: in how many it appears, and with which types how often. */
export interface FieldPresence {
  path: string
  count: number
  types: { type: JsonType; count: number }[]
}

/**
 * The field-presence matrix of several documents (the last N deliveries, say): each path any of
 * them has, in first-seen order, with the number of documents that have it and the number that
 * have it as each type. This is the schema a mapping step can rely on: a path in every
 * document, always of one type, is safe to map. Paths are the schema view's (`items[].id`).
 */
export function fieldPresence(documents: readonly unknown[]): { total: number; fields: FieldPresence[] } {
  const byPath = new Map<string, { count: number; types: Map<JsonType, number> }>()
  for (const document of documents) {
    // Each document's own schema: a path counts once per document however many items hold it.
    for (const field of schemaFields(inferSchema(document))) {
      if (field.path === '') continue
      let entry = byPath.get(field.path)
      if (!entry) {
        entry = { count: 0, types: new Map() }
        byPath.set(field.path, entry)
      }
      entry.count += 1
      for (const type of field.types) entry.types.set(type, (entry.types.get(type) ?? 0) + 1)
    }
  }
  return {
    total: documents.length,
    fields: [...byPath].map(([path, { count, types }]) => ({
      path,
      count,
      types: [...types].map(([type, typeCount]) => ({ type, count: typeCount })),
    })),
  }
}
