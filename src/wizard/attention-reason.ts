import type { TriggerHealth } from '../contract/trigger-health'

/**
 * Why a trigger needs attention, in a few words, for the automations list; null when it does not.
 * Apart from hook-health.tsx so the list, the first page, loads these words and nothing more.
 */
export function attentionReason(health: TriggerHealth): string | null {
  if (!health.needsAttention) return null
  if (health.status === 'missing') return 'its webhook is missing at BigCommerce'
  if (health.status === 'deactivated') return 'BigCommerce deactivated its webhook'
  if (health.blockedDomain) return 'BigCommerce blocklisted its domain'
  if (health.status === 'unknown' || health.problem !== null) return 'the last check at BigCommerce failed'
  // The one reason left (trigger-service.ts healthOf).
  return 'its deliveries are being refused'
}
