import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import * as z from 'zod/mini'
import { CONNECTION_PRAGMAS, INSERT_DELIVERY_SQL, WRITER_CHECKPOINT_PAGES, type DeliveryRow } from './sqlite-delivery-writes'

/**
 * The writer thread. It owns a second connection to the database file and writes the batches
 * the main thread sends it, one transaction (one sync) each, in order, so the inserts, the sync
 * to disk and SQLite's checkpoints never stall the event loop that answers BigCommerce.
 * Plain JavaScript run with `eval`: on Node 20 a thread cannot load TypeScript through tsx or
 * vitest, and a build entry of its own would make the source and the build run different code.
 * What it answers is parsed by `replySchema` on the main thread.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.file)
for (const pragma of workerData.pragmas) db.pragma(pragma)
db.pragma('wal_autocheckpoint = ' + workerData.checkpointPages)
const insert = db.prepare(workerData.insertSql)
const writeBatch = db.transaction((rows) =>
  rows.map((row) => {
    try {
      return insert.get(row)
    } catch (error) {
      // A row the schema refuses (its trigger deleted meanwhile: the foreign key) fails alone:
      // SQLite undoes only that statement and the rest of the batch commits. Anything else (the
      // file locked or full) ends the transaction for the whole batch.
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) return { constraint: error.message }
      throw error
    }
  }),
)
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close()
    parentPort.close()
    return
  }
  try {
    parentPort.postMessage({ batch: message.batch, rows: writeBatch(message.rows) })
  } catch (error) {
    // SQLite's own words (SQLITE_FULL, SQLITE_BUSY…): they hold no delivery and no secret.
    parentPort.postMessage({ batch: message.batch, failure: error instanceof Error ? error.name + ': ' + error.message : String(error) })
  }
})
`

/** Each row as the thread wrote it: the insert's RETURNING (0 duplicates for a new row), or the constraint it broke. */
const rowWrittenSchema = z.union([z.object({ duplicates: z.number() }), z.object({ constraint: z.string() })])
const replySchema = z.union([
  z.object({ batch: z.number(), rows: z.array(rowWrittenSchema) }),
  z.object({ batch: z.number(), failure: z.string() }),
])

/** A row's outcome: stored, a redelivery counted on the stored row, or the words of the constraint it broke. */
export type RowOutcome = 'inserted' | 'duplicate' | { constraint: string }

export type DeliveryWriterThread = {
  /** Writes one batch in one transaction; resolves once it is committed, with each row's outcome. */
  write(rows: readonly DeliveryRow[]): Promise<RowOutcome[]>
  /** Lets the batches already sent finish, then closes the thread's connection and ends it. */
  close(): Promise<void>
}

/**
 * The main thread's side of the writer. The thread starts with the first batch. If it dies,
 * the batches it held are refused (the receiver answers 503, BigCommerce retries) and the next
 * batch starts a new one.
 */
export function createDeliveryWriterThread(file: string): DeliveryWriterThread {
  const workerData = {
    file,
    betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
    pragmas: CONNECTION_PRAGMAS,
    checkpointPages: WRITER_CHECKPOINT_PAGES,
    insertSql: INSERT_DELIVERY_SQL,
  }
  type Waiting = Map<number, { resolve(outcomes: RowOutcome[]): void; reject(error: Error): void }>
  /** The thread taking batches now, with the batches it holds; one that failed holds on to its own. */
  let current: { thread: Worker; waiting: Waiting } | null = null
  let lastBatch = 0

  function running(): { thread: Worker; waiting: Waiting } {
    if (current) return current
    const thread = new Worker(THREAD_SOURCE, { eval: true, workerData })
    const waiting: Waiting = new Map()
    const refuseWaiting = (error: Error) => {
      for (const batch of waiting.values()) batch.reject(error)
      waiting.clear()
    }
    const started = { thread, waiting }
    thread.on('message', (message: unknown) => {
      const reply = replySchema.parse(message)
      const batch = waiting.get(reply.batch)
      waiting.delete(reply.batch)
      // Idle, the thread must not keep the process alive; busy, it must (a script awaiting a write).
      if (waiting.size === 0) thread.unref()
      if ('failure' in reply) {
        batch?.reject(new Error(reply.failure))
        return
      }
      batch?.resolve(
        reply.rows.map((row) => ('constraint' in row ? { constraint: row.constraint } : row.duplicates === 0 ? 'inserted' : 'duplicate')),
      )
    })
    // A thread that failed (it could not open the file, say) takes no more batches.
    thread.on('error', (error) => {
      if (current === started) current = null
      refuseWaiting(error)
    })
    thread.on('exit', (code) => {
      if (current === started) current = null
      refuseWaiting(new Error(`The delivery writer thread stopped (exit code ${code}).`))
    })
    current = started
    return started
  }

  return {
    write(rows) {
      return new Promise((resolve, reject) => {
        lastBatch += 1
        const { thread, waiting } = running()
        waiting.set(lastBatch, { resolve, reject })
        thread.ref()
        thread.postMessage({ batch: lastBatch, rows })
      })
    },
    async close() {
      const closing = current?.thread
      if (!closing) return
      current = null
      const exited = new Promise((resolve) => closing.once('exit', resolve))
      closing.ref()
      // After the batches already sent: the thread reads its messages in order.
      closing.postMessage('close')
      await exited
    },
  }
}
