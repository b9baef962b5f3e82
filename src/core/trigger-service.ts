import type { CoreConfig, Storage, StorePlatform } from './ports'
import { accountUseCases } from './service/accounts'
import { automationUseCases } from './service/automations'
import { createServiceContext } from './service/context'
import { deliveryIntakeUseCases } from './service/delivery-intake'
import { deliveryLogUseCases } from './service/delivery-log'
import { listenUseCases } from './service/listen'
import { triggerHealthUseCases } from './service/trigger-health'
import { triggerLifecycleUseCases } from './service/trigger-lifecycle'
import { triggerTestUseCases } from './service/trigger-test'
import { triggerVersionUseCases } from './service/trigger-versions'

export type { DeliveryInput, DeliveryOutcome } from './service/delivery-intake'
export { timeOrderedId } from './service/context'
export { REFUSAL_WRITTEN_EVERY_MS } from './service/trigger-health'

/**
 * The service: every use case of `core/service/`, over one context (the ports, the settings,
 * the clock). Its methods match `TriggerBackend` (which core may not import), so the service
 * itself can stand in as a backend; `api-app.test.ts` checks that at compile time. Beside them,
 * what the webhook receiver and the schedules call.
 */
export function createTriggerService({ storage, platform, config }: { storage: Storage; platform: StorePlatform; config: CoreConfig }) {
  const context = createServiceContext({ storage, platform, config })
  return {
    ...automationUseCases(context),
    ...accountUseCases(context),
    ...triggerLifecycleUseCases(context),
    ...triggerTestUseCases(context),
    ...triggerVersionUseCases(context),
    ...triggerHealthUseCases(context),
    ...deliveryLogUseCases(context),
    ...listenUseCases(context),
    ...deliveryIntakeUseCases(context),
  }
}

export type TriggerService = ReturnType<typeof createTriggerService>
