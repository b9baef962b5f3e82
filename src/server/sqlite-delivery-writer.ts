import { createRequire } from 'node:module'
import { MessageChannel, Worker } from 'node:worker_threads'
import * as z from 'zod/mini'
import {
  CONNECTION_PRAGMAS,
  DELIVERY_COLUMNS,
  INSERT_DELIVERY_SQL,
  WRITER_CHECKPOINT_PAGES,
  type DeliveryRow,
} from './sqlite-delivery-writes'

/** How both threads below open their own connection to the database file, with the app's settings. */
const OPEN_CONNECTION = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.file)
for (const pragma of workerData.pragmas) db.pragma(pragma)`

/**
 * The writer thread. It owns a second connection to the database file and writes the batches
 * the main thread sends it, in order: all those waiting when it is free go in one transaction
 * (one sync), so the inserts, the sync to disk and SQLite's checkpoints never stall the event
 * loop that answers BigCommerce, and the thread never waits for that loop between commits.
 * Plain JavaScript run with `eval`: on Node 20 a thread cannot load TypeScript through tsx or
 * vitest, and a build entry of its own would make the source and the build run different code.
 * What it answers is parsed by `replySchema` on the main thread. After a commit it tells the
 * checkpoint thread, through `workerData.committed`, that the WAL has grown: at most once every
 * CHECKPOINT_EVERY_MS, as the checkpoint that message sets off comes no sooner, and copies
 * whatever was committed until then. Waking a sleeping thread cost the sender about 25 µs on a
 * 2-core virtual machine, against 1 µs for a busy one; told after every commit, the checkpoint
 * thread woke once every 15 deliveries under load, now once every 110.
 */
const THREAD_SOURCE = `${OPEN_CONNECTION}
const { receiveMessageOnPort } = require('node:worker_threads')
db.pragma('wal_autocheckpoint = ' + workerData.checkpointPages)
const committed = workerData.committed
let toldOfCommitAt = -Infinity
// pluck: each insert answers its RETURNING duplicates as a bare number, no row object.
const insert = db.prepare(workerData.insertSql).pluck()
const width = workerData.columns
const writeBatch = db.transaction((values) => {
  const written = []
  for (let start = 0; start < values.length; start += width) {
    try {
      written.push(insert.get(values.slice(start, start + width)))
    } catch (error) {
      // A row the schema refuses (its trigger deleted meanwhile: the foreign key) fails alone:
      // SQLite undoes only that statement and the rest of the batch commits. Anything else (the
      // file locked or full) ends the transaction for the whole batch.
      if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CONSTRAINT')) written.push(error.message)
      else throw error
    }
  }
  return written
})
parentPort.on('message', (first) => {
  // The batches sent while the last commit ran are waiting too: all go in one transaction.
  const batches = [first]
  for (let next; batches.at(-1) !== 'close' && (next = receiveMessageOnPort(parentPort)); ) batches.push(next.message)
  const closing = batches.at(-1) === 'close'
  if (closing) batches.pop()
  const ids = batches.map((batch) => batch.batch)
  if (batches.length > 0) {
    try {
      const written = writeBatch(batches.flatMap((batch) => batch.values))
      let start = 0
      const rows = batches.map((batch) => written.slice(start, (start += batch.values.length / width)))
      parentPort.postMessage({ batches: ids, rows })
      if (performance.now() - toldOfCommitAt >= workerData.checkpointEveryMs) {
        toldOfCommitAt = performance.now()
        committed.postMessage(null)
      }
    } catch (error) {
      // SQLite's own words (SQLITE_FULL, SQLITE_BUSY…): they hold no delivery and no secret.
      parentPort.postMessage({ batches: ids, failure: error instanceof Error ? error.name + ': ' + error.message : String(error) })
    }
  }
  if (closing) {
    db.close()
    parentPort.close()
  }
})
`

/**
 * The checkpoint thread: a third connection that copies what the writer committed from the WAL
 * into the database file, at most every CHECKPOINT_EVERY_MS while deliveries are being written.
 * A PASSIVE checkpoint takes no write lock, so the writer goes on committing meanwhile.
 * Why: left to the writer's own checkpoint (every WRITER_CHECKPOINT_PAGES), one commit in a few
 * hundred copied 40 MB of WAL first, 15-30 ms during which every waiting delivery waited too:
 * that stall, which grows with the table, set the receiver's p99. The writer's checkpoint stays,
 * now with little left to copy, since only a checkpoint by the writer between its commits lets
 * SQLite start the WAL file over; it also keeps the WAL bounded should this thread be gone.
 */
const CHECKPOINT_THREAD_SOURCE = `${OPEN_CONNECTION}
db.pragma('wal_autocheckpoint = 0')
let timer = null
const checkpoint = () => {
  timer = null
  // PASSIVE: copies what no reader still needs, never waits for a lock, so it cannot stall anyone.
  db.pragma('wal_checkpoint(PASSIVE)')
}
workerData.committed.on('message', () => {
  if (timer === null) timer = setTimeout(checkpoint, workerData.everyMs)
})
parentPort.on('message', (message) => {
  if (message !== 'close') return
  if (timer !== null) clearTimeout(timer)
  db.close()
  workerData.committed.close()
  parentPort.close()
})
`

/** The checkpoint thread's pace: often enough that the writer's checkpoint finds little left, rarely enough to copy a hot page once for many commits. */
const CHECKPOINT_EVERY_MS = 100

/**
 * The batches one transaction wrote, and each one's rows as the thread wrote them: the insert's
 * RETURNING duplicates (0 for a new row), or the words of the constraint it broke. Bare values,
 * not objects: the reply is parsed for every row of every batch.
 */
const replySchema = z.union([
  z.object({ batches: z.array(z.number()), rows: z.array(z.array(z.union([z.number(), z.string()]))) }),
  z.object({ batches: z.array(z.number()), failure: z.string() }),
])

/** A row's outcome: stored, a redelivery counted on the stored row, or the words of the constraint it broke. */
export type RowOutcome = 'inserted' | 'duplicate' | { constraint: string }

export type DeliveryWriterThread = {
  /** Writes one batch, in one transaction with any others waiting; resolves once it is committed, with each row's outcome. */
  write(rows: readonly DeliveryRow[]): Promise<RowOutcome[]>
  /** Lets the batches already sent finish, then closes the thread's connection and ends it. */
  close(): Promise<void>
}

/**
 * The main thread's side of the writer. The thread starts with the first batch, its checkpoint
 * thread with it. If the writer dies, the batches it held are refused (the receiver answers
 * 503, BigCommerce retries), its checkpoint thread is closed, and the next batch starts a new pair.
 */
export function createDeliveryWriterThread(file: string): DeliveryWriterThread {
  const connection = {
    file,
    betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
    pragmas: CONNECTION_PRAGMAS,
  }
  type Waiting = Map<number, { resolve(outcomes: RowOutcome[]): void; reject(error: Error): void }>
  type Running = { thread: Worker; checkpointer: Worker; waiting: Waiting }
  /** The thread taking batches now, with the batches it holds; one that failed holds on to its own. */
  let current: Running | null = null
  let lastBatch = 0

  function running(): Running {
    if (current) return current
    const { port1: committed, port2: toldOfCommits } = new MessageChannel()
    const checkpointer = new Worker(CHECKPOINT_THREAD_SOURCE, {
      eval: true,
      workerData: { ...connection, committed: toldOfCommits, everyMs: CHECKPOINT_EVERY_MS },
      transferList: [toldOfCommits],
    })
    // It holds no delivery, so it never keeps the process alive. Should it fail (the file could
    // not be opened: the writer says so for its batches), the writer's own checkpoint remains.
    checkpointer.unref()
    checkpointer.on('error', () => {})
    const thread = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        ...connection,
        checkpointPages: WRITER_CHECKPOINT_PAGES,
        checkpointEveryMs: CHECKPOINT_EVERY_MS,
        insertSql: INSERT_DELIVERY_SQL,
        columns: DELIVERY_COLUMNS.length,
        committed,
      },
      transferList: [committed],
    })
    const waiting: Waiting = new Map()
    const refuseWaiting = (error: Error) => {
      for (const batch of waiting.values()) batch.reject(error)
      waiting.clear()
    }
    const started = { thread, checkpointer, waiting }
    thread.on('message', (message: unknown) => {
      const reply = replySchema.parse(message)
      reply.batches.forEach((id, index) => {
        const batch = waiting.get(id)
        waiting.delete(id)
        if ('failure' in reply) batch?.reject(new Error(reply.failure))
        else
          batch?.resolve(
            (reply.rows[index] ?? []).map((row) => (typeof row === 'string' ? { constraint: row } : row === 0 ? 'inserted' : 'duplicate')),
          )
      })
      // Idle, the thread must not keep the process alive; busy, it must (a script awaiting a write).
      if (waiting.size === 0) thread.unref()
    })
    // A thread that failed (it could not open the file, say) takes no more batches.
    thread.on('error', (error) => {
      if (current === started) current = null
      refuseWaiting(error)
    })
    thread.on('exit', (code) => {
      if (current === started) current = null
      checkpointer.postMessage('close')
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
        // One flat array of strings: the structured clone copies it faster than an object a row.
        thread.postMessage({ batch: lastBatch, values: rows.flatMap((row) => DELIVERY_COLUMNS.map((column) => row[column])) })
      })
    },
    async close() {
      const closing = current
      if (!closing) return
      current = null
      // After the batches already sent: the threads read their messages in order. Both
      // connections are closed before the caller's own last checkpoint, which they would delay.
      await Promise.all(
        [closing.thread, closing.checkpointer].map((thread) => {
          const exited = new Promise((resolve) => thread.once('exit', resolve))
          thread.ref()
          thread.postMessage('close')
          return exited
        }),
      )
    },
  }
}
