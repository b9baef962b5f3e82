import type { TriggerDraft } from '../../contract/trigger-config'
import { BackendError } from '../../contract/errors'
import type { EventScope } from '../../contract/events'
import { fakePlatform } from '../fake-store-platform'
import { createMemoryStorage } from '../memory-storage'
import { createTriggerService } from '../trigger-service'

/** The service over memory storage and the fake platform, as the use cases' tests drive it. */

export const PUBLIC_URL = 'https://triggers.example.com'
export const HELP = 'Set PUBLIC_URL so BigCommerce can reach this app.'

/** The clock moves a second at each reading, unless the test brings its own. */
export function setup({ publicUrl = PUBLIC_URL, now }: { publicUrl?: string | null; now?: () => Date } = {}) {
  const fake = fakePlatform()
  const storage = createMemoryStorage()
  let tick = 0
  const service = createTriggerService({
    storage,
    platform: fake.platform,
    config: { publicUrl, webhookHelp: HELP, now: now ?? (() => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++))) },
  })
  return { fake, storage, service }
}

export async function rejection(promise: Promise<unknown>): Promise<BackendError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof BackendError) return error
    throw error
  }
  throw new Error('Expected a rejection')
}

/** An automation with an authorized account and a complete draft for `event`. */
export async function configured(event: EventScope = 'store/order/created', options: Parameters<typeof setup>[0] = {}) {
  const context = setup(options)
  const { service } = context
  const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
  const automation = await service.createAutomation({ name: 'New orders' })
  const draft: TriggerDraft = {
    stage: 'configureTrigger',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: account.id,
    event,
    headers: [{ name: 'X-Team', value: 'ops' }],
  }
  await service.updateTriggerDraft({ automationId: automation.id, draft })
  return { ...context, account, automationId: automation.id, triggerId: automation.trigger.id, draft }
}

export async function secretOf(storage: ReturnType<typeof createMemoryStorage>, automationId: string): Promise<string> {
  const record = await storage.getAutomation(automationId)
  if (!record) throw new Error('missing automation')
  return record.trigger.secret
}

export function delivery(overrides: Record<string, unknown> = {}) {
  return {
    scope: 'store/order/created',
    store_id: '555',
    data: { type: 'order', id: 7 },
    hash: 'h-1',
    created_at: 1767225600,
    producer: 'stores/abc123',
    ...overrides,
  }
}
