/**
 * Paths as a developer would type them in JavaScript, so a copied path pastes straight into code
 * or a mapping field: `data.id`, `items[0].name`, `headers["content-type"]`.
 */

const identifier = /^[A-Za-z_$][\w$]*$/

export type JsonPathSegment = string | number

export function appendKey(path: string, key: string): string {
  if (!identifier.test(key)) return `${path}[${JSON.stringify(key)}]`
  return path === '' ? key : `${path}.${key}`
}

export function appendIndex(path: string, index: number): string {
  return `${path}[${index}]`
}

/** Stands for "every item of this array" in schema paths: `items[].id`. */
export function appendArrayItems(path: string): string {
  return `${path}[]`
}

export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let path = ''
  for (const segment of segments) {
    path = typeof segment === 'number' ? appendIndex(path, segment) : appendKey(path, segment)
  }
  return path
}
