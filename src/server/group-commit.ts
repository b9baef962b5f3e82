import { BackendError } from '../contract/errors'
import type { DeliveryRecord } from '../core/record-schemas'

/**
 * Deliveries waiting for their group commit or in it, at most: beyond it the receiver answers 503
 * at once (BigCommerce retries) instead of holding more bodies in memory. Each is at most 64 KB.
 */
export const MAX_QUEUED_DELIVERIES = 2000

/** A row's own outcome; an Error is that row's failure alone (its trigger deleted meanwhile). */
export type InsertOutcome = 'inserted' | 'duplicate' | Error

/**
 * Group commit: deliveries that arrive together are written by one `write` (one transaction,
 * so one sync to disk for them all), and each waits for that commit before its promise settles,
 * so the receiver answers 200 only once the delivery is stored. A batch is written on the next
 * turn of the event loop, after every request already read has queued its delivery, and one
 * write at a time: what arrives during a write goes together in the next. So under load batches
 * grow by themselves, and alone a delivery waits for nothing. (Writing each turn's few
 * deliveries at once instead cost PostgreSQL about 1.6 times the CPU per delivery, and the event
 * loop 1.3 times, in `npm run bench:receiver`. SQLite's writer thread joins what waits for it
 * itself: see `writeEachTurn`.)
 * When `write` itself fails (the database locked, full, unreachable), every delivery of the
 * batch is refused as `storage_unavailable`, a 503 that BigCommerce retries.
 * `write` is given a signal that aborts when the batch's deadline passes: a writer that can
 * withdraw what it has not yet sent (PostgreSQL's) does, so that 503 then means nothing stored.
 */
export function createGroupCommit(
  write: (batch: readonly DeliveryRecord[], deadlinePassed: AbortSignal) => InsertOutcome[] | Promise<InsertOutcome[]>,
  options: {
    /** Told why a batch could not be written, for the log. */
    onWriteFailure?: (error: unknown) => void
    /** Told of each delivery stored, once its commit is done (a duplicate is not news). */
    onStored?: (delivery: DeliveryRecord) => void
    /**
     * How long a delivery may wait for its commit, from the moment it is queued, before it is
     * refused as unavailable: a slow or unreachable database gets a quick 503 rather than
     * requests that hang, including those queued behind a write that stalled. A write already
     * sent may still commit afterwards; BigCommerce's retry is then a duplicate, stored once.
     */
    timeoutMs?: number
    /**
     * Sends each turn's deliveries to `write` at once, even while earlier writes are under way,
     * for a writer that joins every batch waiting for it into its next transaction itself
     * (SQLite's writer thread): between its commits it then never waits for this thread. One
     * at a time, it waited 2-3 ms for the next batch after each commit of about as long.
     */
    writeEachTurn?: boolean
  } = {},
) {
  const { onWriteFailure, onStored, timeoutMs, writeEachTurn = false } = options

  /**
   * The write's outcome, or a rejection once the batch's first delivery (the one queued
   * earliest) has waited `timeoutMs`: all of the batch wait on the same write, so all go then.
   */
  function withinDeadline(written: Promise<InsertOutcome[]>, batch: readonly Queued[], abort: AbortController): Promise<InsertOutcome[]> {
    const first = batch[0]
    if (timeoutMs === undefined || first === undefined) return written
    let timer: ReturnType<typeof setTimeout> | undefined
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          abort.abort()
          reject(new Error(`The database did not commit the deliveries within ${timeoutMs} ms of their arrival.`))
        },
        Math.max(0, first.deadline - performance.now()),
      )
    })
    return Promise.race([written, late]).finally(() => clearTimeout(timer))
  }
  type Queued = { delivery: DeliveryRecord; settle: (outcome: InsertOutcome) => void; deadline: number }
  let queued: Queued[] = []
  const inFlight = new Set<Promise<void>>()
  /**
   * Deliveries queued, or handed to a write that has not ended: what the receiver holds in
   * memory. A stalled write holds its deliveries past the timeout that answered them 503.
   */
  let held = 0

  async function writeAndSettle(batch: readonly Queued[]): Promise<void> {
    const abort = new AbortController()
    // The executor calls write at once, and turns a throw into a rejection.
    const written = new Promise<InsertOutcome[]>((resolve) =>
      resolve(
        write(
          batch.map((item) => item.delivery),
          abort.signal,
        ),
      ),
    )
    const release = () => {
      held -= batch.length
    }
    void written.then(release, release)
    let outcomes: InsertOutcome[]
    try {
      outcomes = await withinDeadline(written, batch, abort)
    } catch (error) {
      onWriteFailure?.(error)
      const failure = new BackendError('storage_unavailable', 'The deliveries could not be stored just now; try again shortly.')
      outcomes = batch.map(() => failure)
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index] ?? new Error('No outcome for a queued delivery.')
      if (outcome === 'inserted') onStored?.(item.delivery)
      item.settle(outcome)
    })
  }

  /** Starts a write of everything queued, unless one is under way and it is its end that starts the next. */
  function startBatch(): void {
    if (queued.length === 0 || (inFlight.size > 0 && !writeEachTurn)) return
    const batch = queued
    queued = []
    const done: Promise<void> = writeAndSettle(batch).finally(() => {
      inFlight.delete(done)
      startBatch()
    })
    inFlight.add(done)
  }

  /**
   * Writes what is queued now: `write` is called before this returns unless a write is under
   * way (so a synchronous adapter has written before, say, its file closes); resolves once every
   * delivery queued so far is settled.
   */
  async function flush(): Promise<void> {
    startBatch()
    // The end of one write may start the next, with what was queued meanwhile.
    while (inFlight.size > 0) await Promise.all(inFlight)
  }

  function insert(delivery: DeliveryRecord): Promise<'inserted' | 'duplicate'> {
    return new Promise((resolve, reject) => {
      if (held >= MAX_QUEUED_DELIVERIES) {
        reject(new BackendError('storage_unavailable', 'Too many deliveries are waiting to be stored; try again shortly.'))
        return
      }
      if (queued.length === 0) setImmediate(startBatch)
      held += 1
      queued.push({
        delivery,
        settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
        deadline: performance.now() + (timeoutMs ?? 0),
      })
    })
  }

  return { insert, flush }
}
