import { countOf } from '../contract/count-words'
import type { ReconcileRun } from '../core/reconciler'
import type { ServerLogger } from './server'

/**
 * Runs the reconciler at start-up, then every `intervalMs` give or take a fifth, so that several
 * servers (or restarts in step) do not all ask BigCommerce at the same moment. One run at a time.
 */
export function startReconcileSchedule({
  reconcileAll,
  intervalMs,
  logger,
  random = Math.random,
}: {
  reconcileAll: () => Promise<ReconcileRun>
  intervalMs: number
  logger: ServerLogger
  random?: () => number
}): { stop(): void; firstRun: Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  async function runOnce(reason: string): Promise<void> {
    try {
      const run = await reconcileAll()
      logger.info(
        `Reconciler (${reason}): ${countOf(run.triggers, { one: 'trigger', other: 'triggers' })}, ${countOf(run.requests, { one: 'request', other: 'requests' })} to BigCommerce, ${countOf(run.changes, { one: 'change', other: 'changes' })}, ${run.failed} failed, ${run.busy} busy elsewhere`,
      )
    } catch (error) {
      // Storage trouble, not BigCommerce's (that is recorded per trigger); the next run retries.
      logger.error(`Reconciler (${reason}) failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  function scheduleNext() {
    if (stopped || intervalMs <= 0) return
    const delay = intervalMs * (0.8 + 0.4 * random())
    timer = setTimeout(() => void runOnce('schedule').then(scheduleNext), delay)
    timer.unref()
  }

  const firstRun = runOnce('start-up').then(scheduleNext)
  return {
    firstRun,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
