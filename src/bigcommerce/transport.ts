import type * as z from 'zod/mini'
import { countOf } from '../contract/count-words'
import { BackendError } from '../contract/errors'
import type { EventDefinition } from '../connectors/connector-definition'
import type { StoreCredentials } from '../core/ports'
import { validationError } from '../core/validation-error'
import { describeBody, describeNetworkError, errorForStatus, secretsOf, withDetail } from './error-mapping'

/**
 * One request to BigCommerce's REST API, as every part of the client makes it: retries for 5xx
 * and unreachable hosts, waits for 429s, a timeout per attempt, errors mapped to `BackendError`
 * without a secret in their words (error-mapping.ts), and replies parsed with zod.
 */

export type TransportOptions = {
  /** Base of the API; the simulator's URL in tests and the demo. */
  apiUrl?: string
  fetch?: typeof fetch
  /** Per attempt. */
  timeoutMs?: number
  /** Attempts per request, counting the first; 429s and 5xx use them up. */
  maxAttempts?: number
  sleep?: (ms: number) => Promise<void>
  /** Upper bound on one wait after a 429, whatever `X-Rate-Limit-Time-Reset-Ms` says. */
  maxRateLimitWaitMs?: number
}

export type ReadScope = EventDefinition['readScope']

export type RequestSpec = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Below `/stores/{hash}`, starting with `/v2/` or `/v3/`. */
  path: string
  query?: Record<string, string> | undefined
  body?: unknown
  /** Words for messages, e.g. `product 12`. */
  what: string
  /** The scope a 403 means the token lacks, so the message can say what to tick. */
  readScope?: ReadScope | undefined
}

export type GetSpec = Omit<RequestSpec, 'method' | 'body'>

export type Transport = {
  /** The reply's JSON, unchecked; undefined for a 204 or an empty body. */
  request(credentials: StoreCredentials, spec: RequestSpec): Promise<unknown>
  get<T>(credentials: StoreCredentials, schema: z.ZodMiniType<T>, spec: GetSpec): Promise<T>
  /** v2 lists answer 204 with no body when empty. */
  getV2List<T>(credentials: StoreCredentials, schema: z.ZodMiniType<T[]>, spec: GetSpec): Promise<T[]>
}

const BACKOFF_MS = [250, 500, 1000, 2000]
/** A 429 without reset headers means platform load, not our quota (docs/bigcommerce-api-notes.md §1.6): wait longer. */
const UNTIMED_RATE_LIMIT_WAIT_MS = 5000

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createTransport(options: TransportOptions & { apiUrl: string }): Transport {
  const apiUrl = options.apiUrl.replace(/\/+$/, '')
  // Resolved per call so that msw, which patches globalThis.fetch after import, is honoured.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4)
  const sleep = options.sleep ?? defaultSleep
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 15_000

  async function request(credentials: StoreCredentials, spec: RequestSpec): Promise<unknown> {
    const hash = credentials.storeHash
    const url = new URL(`${apiUrl}/stores/${encodeURIComponent(hash)}${spec.path}`)
    for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.set(key, value)
    const headers = requestHeaders(credentials, spec.body !== undefined)
    const label = `${spec.method} ${spec.path}`
    const secrets = secretsOf(credentials, spec.body)

    let lastProblem = ''
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const isLast = attempt === maxAttempts
      let status: number
      let text: string
      let resetMs: number | undefined
      try {
        const response = await fetchImpl(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: AbortSignal.timeout(timeoutMs),
        })
        status = response.status
        resetMs = headerNumber(response.headers.get('X-Rate-Limit-Time-Reset-Ms'))
        text = await response.text()
      } catch (error) {
        // A hung gateway rarely recovers within seconds, and the user is waiting: no retry.
        if (isTimeout(error)) {
          throw new BackendError(
            'upstream_error',
            `BigCommerce did not answer ${label} for store ${hash} within ${formatSeconds(timeoutMs)}; it timed out. Try again in a moment.`,
          )
        }
        lastProblem = `could not be reached (${describeNetworkError(error)})`
        if (isLast) break
        await sleep(backoffMs(attempt))
        continue
      }

      if (status >= 200 && status < 300) return parseJson(text, status, label)

      const body = safeJson(text)
      if (status === 429) {
        lastProblem = 'kept answering 429 Too Many Requests'
        if (isLast) {
          throw new BackendError(
            'rate_limited',
            `BigCommerce is rate-limiting store ${hash} (429 Too Many Requests on ${label}). Try again in a minute.`,
          )
        }
        await sleep(Math.min(resetMs ?? Math.max(UNTIMED_RATE_LIMIT_WAIT_MS, backoffMs(attempt)), maxRateLimitWaitMs))
        continue
      }
      if (status >= 500) {
        lastProblem = `answered ${status}${withDetail(describeBody(body, secrets))}`
        if (isLast) break
        await sleep(backoffMs(attempt))
        continue
      }
      throw errorForStatus(status, describeBody(body, secrets), spec, hash)
    }
    throw new BackendError(
      'upstream_error',
      `BigCommerce ${lastProblem} for ${label} on store ${hash}, after ${countOf(maxAttempts, { one: 'attempt', other: 'attempts' })}. Try again later.`,
    )
  }

  return {
    request,
    async get(credentials, schema, spec) {
      return parseReply(schema, await request(credentials, { ...spec, method: 'GET' }), spec.what)
    },
    async getV2List(credentials, schema, spec) {
      const reply = await request(credentials, { ...spec, method: 'GET' })
      return reply === undefined ? [] : parseReply(schema, reply, spec.what)
    },
  }
}

export function parseReply<T>(schema: z.ZodMiniType<T>, reply: unknown, what: string): T {
  const parsed = schema.safeParse(reply)
  if (parsed.success) return parsed.data
  // The path is in BigCommerce's reply, not in anything the user typed: said, not pointed at.
  throw validationError(parsed.error, {
    code: 'upstream_error',
    withField: false,
    message: (issue, field) =>
      `BigCommerce answered with an unexpected shape for ${what}${field ? ` at ${field}` : ''}: ${issue?.message ?? 'invalid'}.`,
  })
}

function parseJson(text: string, status: number, label: string): unknown {
  if (status === 204 || text.trim() === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new BackendError('upstream_error', `BigCommerce answered ${label} with ${status} but a body that is not JSON.`)
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function headerNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const number = Number(value)
  return Number.isFinite(number) && number >= 0 ? number : undefined
}

function backoffMs(attempt: number): number {
  return BACKOFF_MS[Math.min(attempt - 1, BACKOFF_MS.length - 1)] ?? 1000
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError'
}

/**
 * Built before the first attempt, so that a header `fetch` refuses is a local mistake, never
 * taken for "BigCommerce could not be reached" and retried. The only value that can be refused
 * is the token, and the error names it without repeating it (undici's own message quotes it).
 */
function requestHeaders(credentials: StoreCredentials, hasBody: boolean): Headers {
  try {
    const headers = new Headers({ 'X-Auth-Token': credentials.accessToken, Accept: 'application/json' })
    if (hasBody) headers.set('Content-Type', 'application/json')
    return headers
  } catch {
    throw new BackendError('validation_failed', 'The Access Token holds characters an HTTP header cannot carry. Copy it again.', {
      field: 'accessToken',
    })
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`
}
