import type { TriggerHealth } from '../../contract/trigger-health'
import { BackendError } from '../../contract/errors'
import type { ReconcileRun } from '../reconciler'
import type { AutomationRecord, HookCheck } from '../record-schemas'
import { requireAutomation, type ServiceContext } from './context'

/** At most one refused delivery a trigger is written in this long (see `recordRefusal`). */
export const REFUSAL_WRITTEN_EVERY_MS = 60_000

/**
 * When each trigger's last refusal was written, by this process: a flood of refused deliveries
 * (or a stranger guessing secrets) costs one write a trigger a minute, not one each. So the
 * health's time of the last refusal is at most that much behind.
 */
export function createRefusalRecorder({ storage, now }: Pick<ServiceContext, 'storage' | 'now'>) {
  const writtenAt = new Map<string, number>()
  return async function recordRefusal(triggerId: string, reason: string): Promise<void> {
    const at = now()
    const last = writtenAt.get(triggerId)
    if (last !== undefined && at.getTime() - last < REFUSAL_WRITTEN_EVERY_MS) return
    writtenAt.set(triggerId, at.getTime())
    // The delivery is refused all the same when this cannot be written: its answer matters more.
    await storage.putDeliveryRefusal({ triggerId, refusedAt: at.toISOString(), reason }).catch(() => undefined)
  }
}

/** The stored check with the delivery counts; null before the first save. */
export async function healthOf(
  { storage, now }: Pick<ServiceContext, 'storage' | 'now'>,
  record: AutomationRecord,
  check?: HookCheck | null,
): Promise<TriggerHealth | null> {
  if (!record.trigger.saved) return null
  const triggerId = record.trigger.id
  const at = now()
  const since = new Date(at.getTime() - 24 * 3600_000).toISOString()
  // Three reads that need nothing of each other: together, one round trip's wait on PostgreSQL.
  const [stored, stats, refusal] = await Promise.all([
    check ?? storage.getHookCheck(triggerId),
    storage.deliveryStats(triggerId, since),
    storage.getDeliveryRefusal(triggerId),
  ])
  const last = stored ?? null
  // A refusal is shown until a delivery is stored after it: by then what caused it was put right.
  const unresolved = refusal !== undefined && (stats.lastReceivedAt === null || refusal.refusedAt > stats.lastReceivedAt) ? refusal : null
  // Refused lately and nothing stored since: BigCommerce is counting failures against the hook.
  const refusing = unresolved !== null && unresolved.refusedAt >= since
  const status = last?.status ?? (record.trigger.saved.webhook.status === 'registered' ? 'unknown' : 'not_registered')
  const blockedDomain = last?.blockedDomain && last.blockedDomain.until > at.toISOString() ? last.blockedDomain : null
  return {
    status,
    hookId: last?.hookId ?? record.trigger.saved.webhook.hookId,
    blockedDomain,
    lastCheckedAt: last?.checkedAt ?? null,
    lastDeliveryAt: stats.lastReceivedAt,
    deliveriesLast24h: stats.count,
    lastRefusal: unresolved ? { at: unresolved.refusedAt, reason: unresolved.reason } : null,
    actions: last?.actions ?? [],
    problem: last?.problem ?? null,
    needsAttention:
      status === 'missing' ||
      status === 'deactivated' ||
      status === 'unknown' ||
      blockedDomain !== null ||
      (last?.problem ?? null) !== null ||
      refusing,
  }
}

/** After revert: the desired state did not change, but a run finds drift; its failure is the health's to show. */
export async function reconcileQuietly({ reconciler }: Pick<ServiceContext, 'reconciler'>, triggerId: string): Promise<HookCheck | null> {
  const outcome = await reconciler.reconcileTrigger(triggerId, { mode: 'converge', wait: false })
  return outcome.check
}

export function triggerHealthUseCases(context: ServiceContext) {
  const { reconciler, serialized } = context
  return {
    /** The saved trigger's health: looks at BigCommerce now (no changes), then answers. */
    async getTriggerHealth({ automationId }: { automationId: string }): Promise<TriggerHealth> {
      const automation = await requireAutomation(context, automationId)
      // Busy means another run is looking right now; its last check is as fresh.
      const outcome = automation.trigger.saved
        ? await reconciler.reconcileTrigger(automation.trigger.id, { mode: 'observe', wait: false })
        : null
      const health = await healthOf(context, automation, outcome?.check)
      if (!health) throw new BackendError('conflict', 'This trigger has never been saved, so BigCommerce holds nothing for it yet.')
      return health
    },

    /** Brings BigCommerce in line with the saved trigger now: Reactivate and Re-register. */
    reconcileTrigger({ automationId }: { automationId: string }): Promise<TriggerHealth> {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(context, automationId)
        if (!automation.trigger.saved)
          throw new BackendError('conflict', 'This trigger has never been saved, so there is nothing to register.')
        const outcome = await reconciler.reconcileTrigger(automation.trigger.id, { mode: 'converge', wait: true })
        if (outcome.error) throw outcome.error
        if (outcome.busy) throw new BackendError('conflict', 'Another check of this trigger is still running. Try again in a moment.')
        const health = await healthOf(context, automation, outcome.check)
        if (!health) throw new BackendError('conflict', 'This trigger has never been saved.')
        return health
      })
    },

    /** Every trigger, as at start-up and on the schedule. */
    reconcileAll(): Promise<ReconcileRun> {
      return reconciler.reconcileAll()
    },
  }
}
