import type { Context } from 'hono'
import type * as z from 'zod/mini'
import { BackendError } from '../contract/errors'
import { fieldWithUnstorableText, UNSTORABLE_ESCAPE, UNSTORABLE_TEXT } from '../contract/storable-text'
import { parseInput } from '../core/validation-error'

/**
 * Reading what a request carries: a body within its limit, JSON, no text PostgreSQL cannot
 * hold; then the contract's schema, whose first problem names its field. And the way out:
 * every answer parsed by the contract, so nothing outside it (a token, say) can leak.
 */

/** BigCommerce's callbacks are a few hundred bytes (docs/bigcommerce-api-notes.md §3.1); anything near this is not one. */
export const WEBHOOK_BODY_LIMIT_BYTES = 64 * 1024
/** A draft may hold up to 20 headers of 1 KB each, plus whatever is being typed. */
export const API_BODY_LIMIT_BYTES = 256 * 1024

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json'
}

/** Reads at most `limit` bytes, refusing early on a declared length and again on what arrives. */
export function bodyTooLarge(limit: number): BackendError {
  return new BackendError('payload_too_large', `The body is larger than ${Math.round(limit / 1024)} KB.`)
}

async function readBody(request: Request, limit: number): Promise<Uint8Array> {
  const tooLarge = () => bodyTooLarge(limit)
  const length = request.headers.get('content-length')
  const declared = length === null ? Number.NaN : Number(length)
  if (Number.isFinite(declared) && declared > limit) throw tooLarge()
  // A declared length within the limit bounds what can arrive (HTTP framing holds the body to
  // it), so the body is read whole: on Node, @hono/node-server then reads it straight from the
  // socket, without building a web Request and stream (a tenth of a delivery's time in a profile).
  if (Number.isFinite(declared)) return new Uint8Array(await request.arrayBuffer())
  if (!request.body) return new Uint8Array()
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

export async function readText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limit))
}

export function parseJson(text: string): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new BackendError('malformed_json', 'The body is not valid JSON: it could not be parsed.')
  }
  // Only a body with such an escape is searched (a surrogate pair, an emoji say, comes as one too).
  const field = UNSTORABLE_ESCAPE.test(text) ? fieldWithUnstorableText(value) : undefined
  if (field !== undefined) throw new BackendError('validation_failed', UNSTORABLE_TEXT, field === '' ? {} : { field })
  return value
}

async function readJson(request: Request, limit: number): Promise<unknown> {
  return parseJson(await readText(request, limit))
}

/** Request bodies go through the contract's schema; the first problem names its field. */
export async function parseBody<T>(c: Context, schema: z.ZodMiniType<T>): Promise<T> {
  return parseInput(schema, await readJson(c.req.raw, API_BODY_LIMIT_BYTES))
}

/** Query strings too, by name, so a problem names its parameter (`before`, `from`). */
export function parseQuery<T>(c: Context, schema: z.ZodMiniType<T>): T {
  const query = c.req.query()
  const field = fieldWithUnstorableText(query)
  if (field !== undefined) throw new BackendError('validation_failed', UNSTORABLE_TEXT, { field })
  return parseInput(schema, query)
}

/** Responses go through the contract too, so nothing outside it (a token, say) can leak. */
export function respond<T>(schema: z.ZodMiniType<T>, value: T, status = 200): Response {
  return Response.json(schema.parse(value), { status })
}
