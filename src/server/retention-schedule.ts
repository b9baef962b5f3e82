import { countOf } from '../contract/count-words'
import { PURGE_INTERVAL_MS } from '../core/delivery-retention'
import type { ServerLogger } from './log'

/**
 * Runs the retention purge at start-up, then every hour, one run at a time. The purge deletes in
 * chunks and yields between them (delivery-retention.ts), so the receiver keeps answering.
 */
export function startRetentionSchedule({
  purge,
  retentionDays,
  logger,
  intervalMs = PURGE_INTERVAL_MS,
}: {
  purge: () => Promise<number>
  retentionDays: number
  logger: ServerLogger
  intervalMs?: number
}): { stop(): void; firstRun: Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  async function runOnce(): Promise<void> {
    try {
      const purged = await purge()
      if (purged > 0)
        logger.info(`Retention: purged ${countOf(purged, { one: 'delivery', other: 'deliveries' })} older than ${retentionDays} days`, {
          purged,
        })
    } catch (error) {
      logger.error(`Retention purge failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  function scheduleNext() {
    if (stopped) return
    timer = setTimeout(() => void runOnce().then(scheduleNext), intervalMs)
    timer.unref()
  }

  const firstRun = runOnce().then(scheduleNext)
  return {
    firstRun,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
