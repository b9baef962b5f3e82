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
 * a round trip on PostgreSQL. A read that was under way when the cache was cleared is not kept,
 * since it may predate the change.
 */
export function createDeliveryTargetCache(
  read: (triggerId: string) => Promise<DeliveryTarget | undefined>,
  now: () => number = () => performance.now(),
) {
  const kept = new Map<string, { target: DeliveryTarget | undefined; readAt: number }>()
  let clears = 0
  return {
    async get(triggerId: string): Promise<DeliveryTarget | undefined> {
      const hit = kept.get(triggerId)
      if (hit && now() - hit.readAt < DELIVERY_TARGET_TRUSTED_MS) return hit.target
      const clearsBefore = clears
      const readAt = now()
      const target = await read(triggerId)
      if (clears === clearsBefore) kept.set(triggerId, { target, readAt })
      return target
    },
    clear(): void {
      clears += 1
      kept.clear()
    },
  }
}
