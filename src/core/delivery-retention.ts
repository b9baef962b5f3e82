import type { Storage } from './ports'

/** How long deliveries are kept, unless RETENTION_DAYS says otherwise; the demo keeps the same. */
export const DEFAULT_RETENTION_DAYS = 30

/**
 * Rows per delete statement. SQLite runs one statement at a time on the server's only thread, so
 * each is kept short (a few milliseconds), and the receiver's group commits run between them.
 */
export const PURGE_CHUNK_ROWS = 500

/** How often the server (and the demo) purges: often enough that nothing outlives its retention by much. */
export const PURGE_INTERVAL_MS = 60 * 60_000

/**
 * A turn of the event loop, so requests and the receiver's queued group commit go first. On
 * Node, setImmediate: its callbacks run in order, so a commit already queued (with setImmediate,
 * sqlite-storage.ts) is written before the next chunk, and each turn passes through the poll for
 * new requests. Browsers (the demo) have only setTimeout.
 */
const nextTurn = () =>
  new Promise<void>((resolve) => {
    const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate
    if (immediate) immediate(resolve)
    else setTimeout(resolve, 0)
  })

/**
 * Deletes every delivery received before `before`, `chunk` rows per statement, yielding between
 * statements so ingest never waits behind a purge. Answers how many went.
 */
export async function purgeDeliveriesBefore(
  storage: Pick<Storage, 'purgeDeliveries'>,
  before: string,
  { chunk = PURGE_CHUNK_ROWS, pause = nextTurn }: { chunk?: number; pause?: () => Promise<void> } = {},
): Promise<number> {
  let total = 0
  for (;;) {
    const purged = await storage.purgeDeliveries(before, chunk)
    total += purged
    if (purged < chunk) return total
    await pause()
  }
}
