import { MAX_LISTED_DELIVERIES, type DeliveryPage, type DeliveryQuery, type TriggerDelivery } from '../../contract/deliveries'
import { BackendError } from '../../contract/errors'
import { purgeDeliveriesBefore } from '../delivery-retention'
import { requireAutomation, type ServiceContext } from './context'
import { toTriggerDelivery } from './present'

/** The delivery log: pages, one delivery, and the retention purge. */
export function deliveryLogUseCases(context: ServiceContext) {
  const { storage, now, retentionDays } = context
  return {
    /**
     * The trigger's deliveries, newest first, a page at a time (`MAX_LISTED_DELIVERIES` unless
     * `limit` says), filtered by event, time and payload text: the output's picker and the log.
     */
    async listTriggerDeliveries({
      automationId,
      limit = MAX_LISTED_DELIVERIES,
      ...query
    }: { automationId: string } & DeliveryQuery): Promise<DeliveryPage> {
      const automation = await requireAutomation(context, automationId)
      // Every event's deliveries unless asked, not only the draft's: the UI shows each one's scope.
      const page = await storage.listDeliveryPage(automation.trigger.id, { ...query, limit })
      return { deliveries: page.deliveries.map(toTriggerDelivery), nextCursor: page.nextCursor }
    },

    /** One stored delivery, for the viewer and for a replay; `not_found` once purged. */
    async getTriggerDelivery({ automationId, deliveryId }: { automationId: string; deliveryId: string }): Promise<TriggerDelivery> {
      const automation = await requireAutomation(context, automationId)
      const delivery = await storage.getDelivery(automation.trigger.id, deliveryId)
      if (!delivery) {
        throw new BackendError('not_found', `This trigger has no delivery ${deliveryId}: deliveries are kept ${retentionDays} days.`)
      }
      return toTriggerDelivery(delivery)
    },

    /** Deletes deliveries older than the retention, in chunks; answers how many went. */
    purgeExpiredDeliveries(): Promise<number> {
      return purgeDeliveriesBefore(storage, new Date(now().getTime() - retentionDays * 24 * 3600_000).toISOString())
    },
  }
}
