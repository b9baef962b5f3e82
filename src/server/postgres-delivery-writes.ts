import type postgres from 'postgres'
import type { DeliveryRecord } from '../core/record-schemas'
import { createGroupCommit, type InsertOutcome } from './group-commit'

/** Where each instance announces a stored delivery to the others (see `watchDeliveries`). */
export const DELIVERY_CHANNEL = 'bigcommerce_trigger_deliveries'

/**
 * SQLSTATEs after which the same statement, run again, may well succeed: a deadlock (40P01) and
 * a serialization failure (40001). PostgreSQL rolled the statement back whole, so nothing of it
 * is stored and writing the batch again stores each delivery once.
 */
const RETRIED_STATES = new Set(['40P01', '40001'])

function isRetried(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && RETRIED_STATES.has(String(error.code))
}

/**
 * The query's rows; once `signal` aborts, the query is cancelled: one not yet sent (waiting for a
 * connection while the database is down, say) is never sent, so it cannot commit after its
 * deliveries were refused; one already running gets PostgreSQL's cancel request.
 */
async function cancellable<T>(query: Promise<T> & { cancel(): unknown }, signal: AbortSignal): Promise<T> {
  const cancel = () => void Promise.resolve(query.cancel()).catch(() => undefined)
  if (signal.aborted) cancel()
  signal.addEventListener('abort', cancel, { once: true })
  try {
    return await query
  } finally {
    signal.removeEventListener('abort', cancel)
  }
}

/**
 * Group commit on PostgreSQL, as in SQLite: what arrives together is written by one statement (one
 * transaction). Rows of a trigger deleted meanwhile are skipped by the EXISTS, as a foreign key
 * failure would fail the whole statement; the second query tells them from duplicates.
 * The first of two deliveries with one hash in a batch is the one stored, as it would be one
 * after the other; which row of one INSERT wins its conflict is not defined, so later ones are
 * told apart here, and counted as redeliveries of the first (`again`).
 */
export function createPostgresDeliveryWrites(
  sql: postgres.Sql,
  options: {
    /** Told why a batch could not be written, for the log; its deliveries are refused with a 503. */
    onWriteFailure?: ((error: unknown) => void) | undefined
    /** Told of each batch written a second time after a deadlock or serialization failure, for the log. */
    onWriteRetry?: ((error: unknown) => void) | undefined
    timeoutMs: number
  },
) {
  async function write(batch: readonly DeliveryRecord[], deadlinePassed: AbortSignal): Promise<InsertOutcome[]> {
    const keyOf = (row: DeliveryRecord) => `${row.triggerId}\n${row.hash}`
    const firstIndex = new Map<string, number>()
    const again = new Map<string, number>()
    batch.forEach((row, index) => {
      const key = keyOf(row)
      if (firstIndex.has(key)) again.set(key, (again.get(key) ?? 0) + 1)
      else firstIndex.set(key, index)
    })
    const rows = batch.filter((row, index) => firstIndex.get(keyOf(row)) === index)
    const recordset = JSON.stringify(
      rows.map((row) => ({
        id: row.id,
        trigger_id: row.triggerId,
        hash: row.hash,
        received_at: row.receivedAt,
        payload_json: row.payload,
        authenticated_by: row.authenticatedBy,
        duplicates: again.get(keyOf(row)) ?? 0,
      })),
    )
    // A new row starts with the batch's own repeats; a stored one counts this one and those.
    // `xmax = 0` tells a row the INSERT made from one its ON CONFLICT updated. Each new row is
    // announced on DELIVERY_CHANNEL, delivered to every instance's LISTEN once the statement
    // commits, so a listening Test Trigger hears it wherever it landed; a redelivery is not.
    // The rows go as one JSON parameter, the payload inside it as it is: as seven arrays, the
    // payload's text was escaped again for the array literal, 2.4 % of the event loop's time.
    // ORDER BY: the INSERT locks each key in the order the SELECT gives them, so two instances
    // writing some of the same hashes lock them in one order and cannot deadlock (in the order
    // they arrived, opposite orders deadlocked, and the losing batch was refused whole).
    const insert = () =>
      sql<{ id: string; inserted: boolean }[]>`
      WITH stored AS (
      INSERT INTO deliveries (id, trigger_id, hash, received_at, payload_json, authenticated_by, duplicates)
      SELECT d.id, d.trigger_id, d.hash, d.received_at, d.payload_json, d.authenticated_by, d.duplicates
      FROM json_to_recordset(${recordset}::json)
        AS d (id text, trigger_id text, hash text, received_at text, payload_json json, authenticated_by text, duplicates int)
      WHERE EXISTS (SELECT 1 FROM automations a WHERE a.trigger_id = d.trigger_id)
      ORDER BY d.trigger_id, d.hash
      ON CONFLICT (trigger_id, hash) DO UPDATE SET duplicates = deliveries.duplicates + 1 + EXCLUDED.duplicates
      RETURNING id, trigger_id, (xmax = 0) AS inserted)
      SELECT s.id, s.inserted FROM stored s
      LEFT JOIN LATERAL (
        SELECT pg_notify(${DELIVERY_CHANNEL}, json_build_object('triggerId', s.trigger_id, 'deliveryId', s.id)::text) WHERE s.inserted
      ) announced ON true`
    let written: readonly { id: string; inserted: boolean }[]
    try {
      written = await cancellable(insert(), deadlinePassed)
    } catch (error) {
      // Once, inside the deadline: a batch that meets another twice is refused (503) like any failure.
      if (!isRetried(error) || deadlinePassed.aborted) throw error
      options.onWriteRetry?.(error)
      written = await cancellable(insert(), deadlinePassed)
    }
    const insertedIds = new Set(written.filter((row) => row.inserted).map((row) => row.id))
    const live =
      insertedIds.size === rows.length
        ? new Set(rows.map((row) => row.triggerId))
        : new Set(
            (
              await cancellable(
                sql<{ triggerId: string }[]>`SELECT trigger_id AS "triggerId" FROM automations
                WHERE trigger_id = ANY(${sql.array([...new Set(rows.map((row) => row.triggerId))])}::text[])`,
                deadlinePassed,
              )
            ).map((row) => row.triggerId),
          )
    return batch.map((row) =>
      insertedIds.has(row.id) ? 'inserted' : live.has(row.triggerId) ? 'duplicate' : new Error(`Trigger ${row.triggerId} is gone.`),
    )
  }

  return createGroupCommit(write, { onWriteFailure: options.onWriteFailure, timeoutMs: options.timeoutMs })
}
