import { parse } from 'yaml'

/**
 * Checks JSON values against the schemas of an OpenAPI 3 document, for the subset of JSON
 * Schema that BigCommerce's specs use for replies: `$ref`, `type`, `nullable` (or the Swagger 2
 * `x-nullable` some of them still carry, e.g. `GET /catalog/variants`), `enum`,
 * `properties`, `required`, `items`, `additionalProperties`, `allOf`, `anyOf`, `oneOf`.
 * Keywords it does not know (formats, lengths, `minItems`) are ignored: the specs state
 * `minItems: 1` on lists that are legitimately empty.
 */

type Schema = Record<string, unknown>

type OpenApiDocument = { root: Schema; name: string }

export function loadOpenApi(name: string, yamlText: string): OpenApiDocument {
  const root: unknown = parse(yamlText)
  if (!isObject(root)) throw new Error(`${name} is not an OpenAPI document`)
  return { root, name }
}

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function child(node: unknown, key: string, where: string): Schema {
  const value = isObject(node) ? node[key] : undefined
  if (!isObject(value)) throw new Error(`Nothing at ${where}/${key}`)
  return value
}

function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  let current = schema
  for (let depth = 0; typeof current['$ref'] === 'string'; depth++) {
    if (depth > 20) throw new Error(`$ref loop at ${String(current['$ref'])}`)
    const ref = current['$ref']
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, not ${ref}`)
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<Schema>((node, part) => child(node, part, ref), doc.root)
  }
  return current
}

function operation(doc: OpenApiDocument, path: string, method: string): Schema {
  return child(child(child(doc.root, 'paths', doc.name), path, 'paths'), method.toLowerCase(), path)
}

function jsonSchemaOf(doc: OpenApiDocument, holder: Schema, where: string): Schema {
  const content = child(resolve(doc, holder), 'content', where)
  return child(child(content, 'application/json', where), 'schema', where)
}

/** The schema of an operation's JSON response for a status, e.g. `('/hooks', 'get', 200)`. */
export function responseSchema(doc: OpenApiDocument, path: string, method: string, status: number): Schema {
  const responses = child(operation(doc, path, method), 'responses', path)
  return jsonSchemaOf(doc, child(responses, String(status), `${method} ${path} responses`), `${method} ${path} ${status}`)
}

/** The schema of an operation's JSON request body. */
export function requestSchema(doc: OpenApiDocument, path: string, method: string): Schema {
  return jsonSchemaOf(doc, child(operation(doc, path, method), 'requestBody', path), `${method} ${path} requestBody`)
}

/** A named schema under `components.schemas`. */
export function componentSchema(doc: OpenApiDocument, name: string): Schema {
  return child(child(child(doc.root, 'components', doc.name), 'schemas', 'components'), name, 'components/schemas')
}

/** Every way `value` breaks `schema`, as `path: problem` lines; empty when it conforms. */
export function validate(doc: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  const node = resolve(doc, schema)
  if (value === null) {
    const nullable = node['nullable'] === true || node['x-nullable'] === true || node['type'] === undefined
    return nullable ? [] : [`${at}: is null but not nullable`]
  }

  const problems: string[] = []
  for (const part of asSchemas(node['allOf'])) problems.push(...validate(doc, part, value, at))
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = asSchemas(node[keyword])
    if (options.length > 0 && !options.some((option) => validate(doc, option, value, at).length === 0)) {
      problems.push(`${at}: matches none of ${keyword}`)
    }
  }

  const type = node['type']
  if (typeof type === 'string' && !hasType(value, type)) return [...problems, `${at}: expected ${type}, got ${describe(value)}`]
  if (Array.isArray(node['enum']) && !node['enum'].includes(value))
    problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(node['enum'])}`)

  if (Array.isArray(value) && isObject(node['items'])) {
    const items = node['items']
    value.forEach((item, index) => problems.push(...validate(doc, items, item, `${at}[${index}]`)))
  }
  if (isObject(value)) {
    const properties = isObject(node['properties']) ? node['properties'] : {}
    for (const key of Array.isArray(node['required']) ? node['required'] : []) {
      if (typeof key === 'string' && !(key in value)) problems.push(`${at}: missing required ${key}`)
    }
    for (const [key, propertyValue] of Object.entries(value)) {
      const property = properties[key]
      if (isObject(property)) problems.push(...validate(doc, property, propertyValue, `${at}.${key}`))
      else if (isObject(node['additionalProperties']))
        problems.push(...validate(doc, node['additionalProperties'], propertyValue, `${at}.${key}`))
    }
  }
  return problems
}

/** The version prefix the document's paths sit under, from its server URL: `/v2` or `/v3`. */
function basePath(doc: OpenApiDocument): string {
  const servers = doc.root['servers']
  const url = Array.isArray(servers) && isObject(servers[0]) ? servers[0]['url'] : undefined
  const base = typeof url === 'string' ? /\/stores\/\{store_hash\}(\/v\d)$/.exec(url)?.[1] : undefined
  if (!base) throw new Error(`${doc.name} has no server URL ending in /stores/{store_hash}/v2 or /v3`)
  return base
}

/** The path template of `doc` that a request path matches, e.g. `/orders/{order_id}` for `/v2/orders/7`. */
function matchPath(doc: OpenApiDocument, requestPath: string): string | undefined {
  const base = basePath(doc)
  if (!requestPath.startsWith(`${base}/`)) return undefined
  const path = requestPath.slice(base.length)
  const paths = isObject(doc.root['paths']) ? Object.keys(doc.root['paths']) : []
  // A literal segment beats a parameter: `/orders/count` is not `/orders/{order_id}`.
  const literals = (template: string) => template.split('/').filter((part) => !part.startsWith('{')).length
  return paths
    .filter((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
    .sort((a, b) => literals(b) - literals(a))[0]
}

export type CheckedReply = {
  /** e.g. `GET /v2/orders/100 200`. */
  request: string
  /** The spec and operation the reply was checked against, e.g. `orders.v2.oas2.yml GET /orders/{order_id}`. */
  operation: string
  problems: string[]
}

/**
 * Checks one reply of the API against whichever document describes its path and status: the
 * JSON body against the response schema, or an empty body where the spec documents none.
 * Undefined when no document has the operation, or it documents no such status.
 */
export function checkReply(
  docs: readonly OpenApiDocument[],
  reply: { method: string; path: string; status: number; body: unknown },
): CheckedReply | undefined {
  const method = reply.method.toLowerCase()
  for (const doc of docs) {
    const template = matchPath(doc, reply.path)
    if (!template) continue
    const pathItem = child(doc.root['paths'], template, doc.name)
    const responses = isObject(pathItem[method]) ? child(pathItem[method], 'responses', template) : undefined
    const documented = responses?.[String(reply.status)]
    if (!isObject(documented)) continue
    const content = resolve(doc, documented)['content']
    const json = isObject(content) ? content['application/json'] : undefined
    const schema = isObject(json) ? json['schema'] : undefined
    const problems = isObject(schema)
      ? validate(doc, schema, reply.body)
      : reply.body === undefined
        ? []
        : ['$: a body where the spec documents none']
    return { request: `${reply.method} ${reply.path} ${reply.status}`, operation: `${doc.name} ${reply.method} ${template}`, problems }
  }
  return undefined
}

function asSchemas(value: unknown): Schema[] {
  return Array.isArray(value) ? value.filter(isObject) : []
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    default:
      return true
  }
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value
}
