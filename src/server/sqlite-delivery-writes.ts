import Database from 'better-sqlite3'

/**
 * The settings every connection to the database file runs with, the writer thread's too.
 * - WAL lets API reads proceed while deliveries are being written, from another connection too.
 * - The receiver answers BigCommerce 200 only once a delivery is stored, and BigCommerce does not
 *   send it again after a 200: FULL syncs the WAL on every commit, so a power cut cannot lose it
 *   (with NORMAL the last commits can go). Group commit shares that sync between the deliveries
 *   that arrive together; see `npm run bench:receiver`.
 * - Another process (a backup, the sqlite3 shell) or the other connection may briefly hold the
 *   write lock. The wait is short: past it the deliveries are refused with a 503 that
 *   BigCommerce retries, and an API call fails (a 503 too), rather than every request hanging.
 *   A second, shorter than a delivery's deadline (DELIVERY_COMMIT_DEADLINE_MS): a batch that
 *   meets a lock fails, uncommitted, before its deliveries are answered 503, so it cannot commit
 *   after them once the lock goes.
 */
export const CONNECTION_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 1000'] as const

/**
 * SQLite folds the WAL back into the file (a checkpoint) on the connection whose commit takes it
 * past this many pages. The writer thread's commits do it, off the event loop, and 10,000 pages
 * (40 MB) rather than SQLite's 1,000 let a page that many deliveries touch (the dedupe index,
 * where hashes land anywhere) be copied once, not once a batch: 25-40 % less time per
 * delivery written. The main connection never checkpoints on its own; it closes with one.
 */
export const WRITER_CHECKPOINT_PAGES = 10_000

/** Opens the database file for the main thread, with the settings the app relies on (the storage migrates the schema). */
export function connectDatabase(file: string): Database.Database {
  const db = new Database(file)
  for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma)
  db.pragma('wal_autocheckpoint = 0')
  return db
}

/** A delivery as the deliveries table takes it: what crosses to the writer thread. */
export type DeliveryRow = {
  id: string
  trigger_id: string
  hash: string
  received_at: string
  payload_json: string
  authenticated_by: 'signature' | 'secret'
}

/** The columns in the order INSERT_DELIVERY_SQL binds them: a batch crosses to the thread as one flat array of their values. */
export const DELIVERY_COLUMNS = ['id', 'trigger_id', 'hash', 'received_at', 'payload_json', 'authenticated_by'] as const

/** A new row answers duplicates = 0; a redelivery of a stored hash counts on that row instead. */
export const INSERT_DELIVERY_SQL = `
  INSERT INTO deliveries (${DELIVERY_COLUMNS.join(', ')})
  VALUES (${DELIVERY_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (trigger_id, hash) DO UPDATE SET duplicates = duplicates + 1
  RETURNING duplicates`
