import { appendArrayItems, appendKey } from './json-path'
import { jsonTypeOf, type JsonType } from './json-type'

/** The inferred shape of a JSON value: what later steps map fields from. */
export interface JsonSchemaNode {
  /** Every type seen at this position, `null` last so unions read `number | null`. */
  types: JsonType[]
  /** Fields of the objects seen here, in first-seen order. */
  fields: JsonSchemaField[]
  /** The merged shape of every item of the arrays seen here; null when none had items. */
  items: JsonSchemaNode | null
}

export interface JsonSchemaField {
  key: string
  /** Missing from at least one of the objects seen at this position. */
  optional: boolean
  schema: JsonSchemaNode
}

export interface SchemaRow {
  path: string
  type: string
  optional: boolean
}

const typeOrder: readonly JsonType[] = ['string', 'number', 'boolean', 'object', 'array', 'null']

interface Draft {
  types: Set<JsonType>
  objectCount: number
  fields: Map<string, { seen: number; draft: Draft }>
  items: Draft | null
}

function newDraft(): Draft {
  return { types: new Set(), objectCount: 0, fields: new Map(), items: null }
}

export function inferSchema(value: unknown): JsonSchemaNode {
  const root = newDraft()
  merge(root, value)
  return finish(root)
}

function merge(draft: Draft, value: unknown): void {
  const type = jsonTypeOf(value)
  draft.types.add(type)
  if (Array.isArray(value)) {
    for (const item of value) {
      draft.items ??= newDraft()
      merge(draft.items, item)
    }
    return
  }
  if (type !== 'object') return
  const record = value as Record<string, unknown>
  draft.objectCount++
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue
    let field = draft.fields.get(key)
    if (!field) {
      field = { seen: 0, draft: newDraft() }
      draft.fields.set(key, field)
    }
    field.seen++
    merge(field.draft, record[key])
  }
}

function finish(draft: Draft): JsonSchemaNode {
  return {
    types: typeOrder.filter((type) => draft.types.has(type)),
    fields: [...draft.fields].map(([key, field]) => ({
      key,
      optional: field.seen < draft.objectCount,
      schema: finish(field.draft),
    })),
    items: draft.items ? finish(draft.items) : null,
  }
}

/** A field of the schema with its types as a list, for code that counts them (field-presence.ts). */
export interface SchemaField {
  path: string
  types: JsonType[]
  optional: boolean
}

/**
 * One row per field, depth first. Array items appear as `items[]` (their merged type) and their
 * fields as `items[].id`. The root gets a row only when it is not an object, as it has no fields.
 */
export function schemaRows(schema: JsonSchemaNode): SchemaRow[] {
  return schemaFields(schema).map(({ path, types, optional }) => ({ path, type: formatTypes(types), optional }))
}

/** `schemaRows`, with each row's types as a list. */
export function schemaFields(schema: JsonSchemaNode): SchemaField[] {
  const rows: SchemaField[] = []
  const onlyObject = schema.types.length === 1 && schema.types[0] === 'object'
  if (!onlyObject) rows.push({ path: '', types: schema.types, optional: false })
  addChildren(schema, '', rows)
  return rows
}

function addChildren(schema: JsonSchemaNode, path: string, rows: SchemaField[]): void {
  for (const field of schema.fields) {
    const fieldPath = appendKey(path, field.key)
    rows.push({ path: fieldPath, types: field.schema.types, optional: field.optional })
    addChildren(field.schema, fieldPath, rows)
  }
  if (schema.items) {
    const itemsPath = appendArrayItems(path)
    rows.push({ path: itemsPath, types: schema.items.types, optional: false })
    addChildren(schema.items, itemsPath, rows)
  }
}

function formatTypes(types: readonly JsonType[]): string {
  return types.join(' | ')
}
