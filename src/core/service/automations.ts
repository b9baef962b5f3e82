import type { Automation, BackendInfo, CreateAutomationRequest } from '../../contract/automations'
import { requireAutomation, type ServiceContext } from './context'
import { present, putAutomation } from './present'

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** The trigger's secret header value: BigCommerce sends it back with every delivery. */
function randomSecret(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)))
}

/** The Automations list: create, open, delete. */
export function automationUseCases(context: ServiceContext) {
  const { storage, config, publicUrl, now, randomId, serialized, reconciler } = context
  return {
    async getInfo(): Promise<BackendInfo> {
      return { publicUrl, webhookHelp: publicUrl ? null : config.webhookHelp }
    },

    async listAutomations(): Promise<Automation[]> {
      return Promise.all((await storage.listAutomations()).map((record) => present(context, record)))
    },

    async createAutomation({ name }: CreateAutomationRequest): Promise<Automation> {
      const timestamp = now().toISOString()
      return putAutomation(context, {
        id: randomId(),
        name,
        createdAt: timestamp,
        updatedAt: timestamp,
        active: false,
        trigger: {
          id: randomId(),
          secret: randomSecret(),
          draft: { stage: 'connector', connector: null, trigger: null, accountId: null, event: null, headers: [] },
          saved: null,
          draftRestoredFrom: null,
        },
      })
    },

    async getAutomation({ automationId }: { automationId: string }): Promise<Automation> {
      return present(context, await requireAutomation(context, automationId))
    },

    deleteAutomation({ automationId }: { automationId: string }): Promise<void> {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(context, automationId)
        const location = reconciler.savedLocation(automation)
        // The intent first: where its hook is, and that it is gone, outlive the row.
        if (location) await storage.addHookLocations([location])
        await storage.recordDeletedTrigger(automation.trigger.id, now().toISOString())
        await storage.deleteAutomation(automationId)
        // A hook BigCommerce would not let go now is removed by a later run (start-up, schedule);
        // its deliveries meanwhile are answered 200 and dropped (receiveDelivery).
        await reconciler.reconcileTrigger(automation.trigger.id, { mode: 'converge', wait: true })
      })
    },
  }
}
