import type { DeliveryTarget } from '../core/record-schemas'

/**
 * How long the receiver trusts what it read of a trigger: the storage clears it on every change
 * it hears of (its own, and on PostgreSQL every instance's), so this bounds only a change it
 * could not hear (another process on the SQLite file, a lost notification).
 */
export const DELIVERY_TARGET_TRUSTED_MS = 1000

/**
 * What the receiver reads of a trigger for every delivery (its secret, saved event and
 * account), kept: the lookup was a tenth of a delivery's time on the event loop on SQLite, and
 * a round trip on PostgreSQL. Deliveries that miss it together share one read: two hundred
 * arriving at once each read it on their own, queued for the pool's connections, and some
 * passed their deadline (a 503) behind the others. A read that was under way when the cache was
 * cleared is neither kept nor shared with later callers, since it may predate the change.
 */
export function createDeliveryTargetCache(
  read: (triggerId: string) => Promise<DeliveryTarget | undefined>,
  now: () => number = () => performance.now(),
) {
  const kept = new Map<string, { target: DeliveryTarget | undefined; readAt: number }>()
  const reading = new Map<string, Promise<DeliveryTarget | undefined>>()
  let clears = 0
  return {
    get(triggerId: string): Promise<DeliveryTarget | undefined> {
      const hit = kept.get(triggerId)
      if (hit && now() - hit.readAt < DELIVERY_TARGET_TRUSTED_MS) return Promise.resolve(hit.target)
      const shared = reading.get(triggerId)
      if (shared) return shared
      const clearsBefore = clears
      const readAt = now()
      const pending = read(triggerId)
        .then((target) => {
          if (clears === clearsBefore) kept.set(triggerId, { target, readAt })
          return target
        })
        .finally(() => {
          if (reading.get(triggerId) === pending) reading.delete(triggerId)
        })
      reading.set(triggerId, pending)
      return pending
    },
    clear(): void {
      clears += 1
      kept.clear()
      reading.clear()
    },
  }
}
