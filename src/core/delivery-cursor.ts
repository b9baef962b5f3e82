import * as z from 'zod/mini'
import { BackendError } from '../contract/errors'
import { fieldWithUnstorableText } from '../contract/storable-text'

/**
 * The delivery log's cursor: where the last page ended, in whatever terms a storage orders by
 * (SQLite: received time and row number; memory: received time and id). Callers get it as an
 * opaque string and hand it back; only the storage that wrote it reads it.
 */
export function encodeCursor(position: readonly (string | number)[]): string {
  return btoa(JSON.stringify(position)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * A cursor that is not one this storage wrote is the caller's mistake: a 422 at `cursor`. It is
 * parsed whole here, before any query: its text must be text every database can hold, and
 * `schema` (each storage's) holds its parts to what that storage writes, numbers in range. A
 * forged row number past PostgreSQL's bigint, or a NUL inside, failed the query there (a 500).
 */
export function decodeCursor<T>(cursor: string, schema: z.ZodMiniType<T>): T {
  const invalid = () =>
    new BackendError('validation_failed', 'This page cursor is not valid; start from the first page.', { field: 'cursor' })
  let json: unknown
  try {
    json = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
  } catch {
    throw invalid()
  }
  if (fieldWithUnstorableText(json) !== undefined) throw invalid()
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw invalid()
  return parsed.data
}

/** The first part of every storage's cursor: the received time of the page's last row, as stored. */
export const cursorTimeSchema = z.iso.datetime()

/** A row number in a cursor, as SQLite's INTEGER key gives it: a JavaScript number, so a safe integer. */
export const cursorRowNumberSchema = z.number().check(z.int(), z.minimum(0))

const BIGINT_MAX = 2n ** 63n - 1n
/** A row number in a cursor, as PostgreSQL's BIGSERIAL gives it: as text, since it may pass 2^53; at most bigint's largest. */
export const cursorBigintSchema = z.string().check(z.refine((digits) => /^\d{1,19}$/.test(digits) && BigInt(digits) <= BIGINT_MAX))

/**
 * The log's payload search, in both storages: the payload's JSON text contains `search`, ASCII
 * letters compared without case. That is what SQLite's LIKE does; memory storage folds ASCII
 * only, so both answer the same.
 */
export function foldAsciiCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}

/** `search` as a LIKE pattern that matches it literally anywhere: `%`, `_` and `\` escaped with `\`. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
