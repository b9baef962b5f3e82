import type { ListenOutcome, ListenReady } from '../../contract/deliveries'
import { BackendError } from '../../contract/errors'
import { requireAutomation, type ServiceContext } from './context'
import { toTriggerDelivery } from './present'

/** Listen for an event: Test Trigger waits for the saved trigger's next stored delivery. */
export function listenUseCases(context: ServiceContext) {
  const { storage, config, publicUrl, listenTimeoutMs } = context
  return {
    /**
     * Waits for the saved trigger's next stored delivery: `onReady` is told once it listens (a
     * delivery stored from then on counts); resolves with the delivery, or `timeout` after
     * `LISTEN_TIMEOUT_MS`; rejects with the signal's reason when it is aborted.
     */
    async listenForDelivery(
      { automationId }: { automationId: string },
      { signal, onReady }: { signal?: AbortSignal; onReady?: (ready: ListenReady) => void } = {},
    ): Promise<ListenOutcome> {
      const automation = await requireAutomation(context, automationId)
      const saved = automation.trigger.saved
      if (!saved) {
        throw new BackendError(
          'conflict',
          'Save the trigger first: only a saved trigger is registered with BigCommerce, so only it receives events.',
        )
      }
      if (!publicUrl) {
        throw new BackendError('conflict', `BigCommerce cannot reach this server, so no event would arrive. ${config.webhookHelp}`)
      }
      signal?.throwIfAborted()
      return new Promise<ListenOutcome>((resolve, reject) => {
        const triggerId = automation.trigger.id
        let settled = false
        const stop = () => {
          unsubscribe()
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
        }
        const onAbort = () => {
          settled = true
          stop()
          reject(signal?.reason)
        }
        // Storage tells once a delivery is committed, by this process or (PostgreSQL) another one,
        // so what a listener shows is what the log holds; a duplicate is not announced.
        const unsubscribe = storage.watchDeliveries((stored) => {
          if (stored.triggerId !== triggerId || settled) return
          settled = true
          stop()
          storage.getDelivery(triggerId, stored.deliveryId).then((delivery) => {
            // Purged at that very moment: nothing to show, so the wait ends as if timed out.
            resolve(delivery ? { status: 'delivered', delivery: toTriggerDelivery(delivery) } : { status: 'timeout' })
          }, reject)
        })
        const timer = setTimeout(() => {
          settled = true
          stop()
          resolve({ status: 'timeout' })
        }, listenTimeoutMs)
        signal?.addEventListener('abort', onAbort, { once: true })
        onReady?.({ event: saved.config.event, timeoutMs: listenTimeoutMs })
      })
    },
  }
}
