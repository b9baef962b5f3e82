import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import * as z from 'zod/mini'
import { SimulatorError } from './store-basics'

/**
 * How BigCommerce answers, shared by every area's routes: v2 and v3 error bodies, 422 refusals
 * per field, v3 `{data, meta: {pagination}}` lists and v2 bare-array lists.
 */

export type Version = 'v2' | 'v3'

const STATUS_CODES_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes'

export function versionOf(path: string): Version {
  return /\/v2(\/|$)/.test(path) ? 'v2' : 'v3'
}

export function errorBody(version: Version, status: number, title: string, errors?: Record<string, string>) {
  if (version === 'v2') return [{ status, message: title, ...(errors && Object.keys(errors).length > 0 ? { details: errors } : {}) }]
  return { status, title, type: STATUS_CODES_TYPE, ...(errors ? { errors } : {}) }
}

export function errorResponse(c: Context, version: Version, status: number, title: string, errors?: Record<string, string>) {
  return c.json(errorBody(version, status, title, errors), status as ContentfulStatusCode)
}

export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    throw new SimulatorError(400, 'Input is invalid.')
  }
}

/** Refuses like BigCommerce: 422 with one message per field, `error.path.missing.` when absent. */
export function parseOrRefuse<T>(schema: z.ZodMiniType<T>, body: unknown, title: string): T {
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'body'
    errors[key] ??= valueAt(body, issue.path) === undefined ? 'error.path.missing.' : issue.message
  }
  throw new SimulatorError(422, title, errors)
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

export function idList(value: string | undefined): number[] | undefined {
  return value === undefined ? undefined : value.split(',').map(Number).filter(Number.isInteger)
}

/** `sort=date_created:desc` and the like, as v2 orders and v3 customers take it. */
export function sortParam(c: Context): { key: string; direction: 1 | -1 } {
  const [key = 'id', direction = 'asc'] = (c.req.query('sort') ?? 'id:asc').split(':')
  return { key, direction: direction === 'desc' ? -1 : 1 }
}

export function compareBy(a: Record<string, unknown>, b: Record<string, unknown>, key: string): number {
  const left = sortValue(a[key])
  const right = sortValue(b[key])
  if (left < right) return -1
  if (left > right) return 1
  return (typeof a['id'] === 'number' ? a['id'] : 0) - (typeof b['id'] === 'number' ? b['id'] : 0)
}

function sortValue(value: unknown): number | string {
  if (typeof value === 'number') return value
  if (typeof value === 'string') {
    const date = /\d{4}|\d{2}:\d{2}/.test(value) ? Date.parse(value) : Number.NaN
    return Number.isNaN(date) ? value.toLowerCase() : date
  }
  return ''
}

function pageParams(c: Context, defaultLimit: number) {
  const limit = Math.min(250, Math.max(1, Number(c.req.query('limit') ?? defaultLimit) || defaultLimit))
  const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1)
  return { limit, page }
}

/** v3 lists: `{data, meta: {pagination}}`. */
export function paginate<T>(items: readonly T[], c: Context, defaultLimit = 50) {
  const { limit, page } = pageParams(c, defaultLimit)
  const data = items.slice((page - 1) * limit, page * limit)
  const totalPages = Math.max(1, Math.ceil(items.length / limit))
  const linkTo = (target: number) => `?page=${target}&limit=${limit}`
  return {
    data,
    meta: {
      pagination: {
        total: items.length,
        count: data.length,
        per_page: limit,
        current_page: page,
        total_pages: totalPages,
        links: {
          ...(page > 1 ? { previous: linkTo(page - 1) } : {}),
          current: linkTo(page),
          ...(page < totalPages ? { next: linkTo(page + 1) } : {}),
        },
      },
    },
  }
}

/** v2 lists: a bare array, or 204 with no body when empty. */
export function v2List<T>(c: Context, items: readonly T[]) {
  const { limit, page } = pageParams(c, 50)
  const data = items.slice((page - 1) * limit, page * limit)
  return data.length === 0 ? c.body(null, 204) : c.json(data)
}
