import * as z from 'zod/mini'
import { isoTime } from './fields'

/** A saved trigger's health: what the reconciler last saw at BigCommerce, and the deliveries lately. */

/**
 * What the reconciler last saw at BigCommerce for a saved trigger, and did about it.
 * `registered`: the hook is there and active; `missing`: BigCommerce has no hook for it;
 * `deactivated`: BigCommerce switched it off (48 h of failed retries, or 90 idle days);
 * `not_registered`: nothing is wanted there (no PUBLIC_URL); `unknown`: the check itself failed.
 */
export const hookStatusSchema = z.enum(['registered', 'missing', 'deactivated', 'not_registered', 'unknown'])

export type HookStatus = z.infer<typeof hookStatusSchema>

export const triggerHealthSchema = z.object({
  status: hookStatusSchema,
  hookId: z.nullable(z.number()),
  /** BigCommerce denylists a destination domain whose success ratio falls under 90 % (notes §3.4). */
  blockedDomain: z.nullable(
    z.object({
      destination: z.string(),
      /** When BigCommerce said the block ends: the check's time plus its `time_left`. */
      until: isoTime,
      reasons: z.array(z.string()),
    }),
  ),
  /** Null until the reconciler has looked. */
  lastCheckedAt: z.nullable(isoTime),
  lastDeliveryAt: z.nullable(isoTime),
  deliveriesLast24h: z.number(),
  /**
   * The last delivery the receiver refused (a wrong secret header or signature, another store or
   * event), in its words, until a delivery is stored after it; null when there is none such.
   * BigCommerce counts each as a failure (notes §3.4). Optional because older backends do not send it.
   */
  lastRefusal: z.optional(z.nullable(z.object({ at: isoTime, reason: z.string() }))),
  /** What the last run changed at BigCommerce, in words, e.g. "Reactivated hook 12." */
  actions: z.array(z.string()),
  /** Why the last run could not finish, in words; null when it did. */
  problem: z.nullable(z.string()),
  /**
   * True when the user should look: missing, deactivated, blocklisted, the check failed, or a
   * delivery was refused within the day and none stored since.
   */
  needsAttention: z.boolean(),
})

export type TriggerHealth = z.infer<typeof triggerHealthSchema>
