import { missingChoiceMessages } from '../../contract/trigger-config'
import { type TriggerResource, type TriggerTest } from '../../contract/trigger-test'
import { BackendError } from '../../contract/errors'
import { callbackHash, type Callback } from '../../contract/events'
import { eventDefinition } from '../../connectors/bigcommerce'
import { eventRecordOf, type EventRecord } from '../event-record'
import type { AccountRecord, AutomationRecord } from '../record-schemas'
import { credentialsOf, producerOf } from '../store-identity'
import { isCode, requireAccount, requireAutomation, type ServiceContext } from './context'
import { completeConfig } from './trigger-lifecycle'

/** How many deliveries a test looks through for one of the draft's event. */
const DELIVERIES_SEARCHED_BY_TEST = 50

/**
 * Turns the client's words for a failed record fetch into what the user can act on: which
 * record is gone, or which OAuth scope the API account lacks and how to get one that has it.
 */
function explainResourceError(error: unknown, lookup: EventRecord, account: AccountRecord): unknown {
  if (isCode(error, 'not_found')) {
    return new BackendError(
      'not_found',
      `${lookup.subject} no longer exists in ${account.storeName} (it may have been deleted). Test with a newer event.`,
    )
  }
  if (isCode(error, 'missing_scope')) {
    const { readScope } = eventDefinition(lookup.scope)
    // Store-level API account scopes cannot be edited in BigCommerce, hence "create".
    return new BackendError(
      'missing_scope',
      `The API account behind this token lacks the ${readScope.label} OAuth scope (${readScope.parameter}). In BigCommerce, create an API account with that scope, then add it here with + Add New Account.`,
    )
  }
  return error
}

/** Test Trigger, and the record behind what it shows (the Resource tab). */
export function triggerTestUseCases(context: ServiceContext) {
  const { storage, platform, now } = context

  /**
   * The account whose store sent `payload`: the saved configuration's, else the draft's. Both
   * are candidates because a test shows the draft's store while deliveries come from the saved one.
   */
  async function accountForPayload(automation: AutomationRecord, payload: Callback): Promise<AccountRecord> {
    const ids = [automation.trigger.saved?.config.accountId, automation.trigger.draft.accountId].filter(
      (accountId): accountId is string => typeof accountId === 'string',
    )
    const first = ids[0]
    if (first === undefined) throw new BackendError('incomplete_trigger', missingChoiceMessages.accountId, { field: 'accountId' })
    let expected: AccountRecord | undefined
    for (const accountId of new Set(ids)) {
      const account = await storage.getAccount(accountId)
      if (!account) continue
      if (payload.producer === producerOf(account.storeHash)) return account
      expected ??= account
    }
    // Every account the trigger named is gone: say so as requireAccount would.
    if (!expected) return requireAccount(context, first)
    throw new BackendError(
      'validation_failed',
      `This payload comes from ${payload.producer}, not from ${expected.storeName} (${producerOf(expected.storeHash)}), the store this trigger uses.`,
      { field: 'payload.producer' },
    )
  }

  return {
    async testTrigger({ automationId }: { automationId: string }): Promise<TriggerTest> {
      const automation = await requireAutomation(context, automationId)
      const next = completeConfig(automation.trigger.draft, 'test')
      const account = await requireAccount(context, next.accountId)
      const producer = producerOf(account.storeHash)
      const event = eventDefinition(next.event)
      const result = (
        source: TriggerTest['source'],
        payload: Callback,
        note: string | null,
        deliveryId: string | null = null,
      ): TriggerTest => ({
        source,
        testedAt: now().toISOString(),
        event: next.event,
        payload,
        deliveryId,
        note,
      })
      const documented = "so this is the example from BigCommerce's documentation."

      const deliveries = await storage.listDeliveries(automation.trigger.id, DELIVERIES_SEARCHED_BY_TEST)
      const delivered = deliveries.find((delivery) => delivery.payload.scope === next.event && delivery.payload.producer === producer)
      if (delivered) return result('delivered', delivered.payload, null, delivered.id)

      let sampleNote = `${account.storeName} has no ${event.record} yet, ${documented}`
      try {
        const live = await platform.latestEventData(credentialsOf(account), next.event)
        if (live) {
          const payload: Callback = {
            scope: next.event,
            store_id: account.storeId ?? event.sample.store_id,
            data: live.data,
            hash: await callbackHash(live.data),
            created_at: live.createdAt,
            producer,
          }
          // Only /v2/store tells the numeric store id, and this token was refused it at authorization.
          const note =
            account.storeId === null
              ? `This payload's store_id (${event.sample.store_id}) is the documented example's: the API account behind this token may not read the store's details (GET /v2/store), so ${account.storeName}'s real store id is unknown.`
              : null
          return result('live', payload, note)
        }
      } catch (error) {
        // Without the read scope, or with the record gone, the documented sample still shows the
        // shape; any other failure is worth a retry, so it is the user's to see.
        if (!isCode(error, 'missing_scope', 'not_found')) throw error
        if (error.code === 'missing_scope') {
          const { label, parameter } = event.readScope
          sampleNote = `The API account behind this token lacks ${label} (${parameter}), ${documented}`
        }
      }
      return result('sample', { ...structuredClone(event.sample), producer }, sampleNote)
    },

    /** The record behind a delivery or test payload of this trigger's store, fetched as the action would. */
    async fetchTriggerResource(input: { automationId: string; payload: Callback }): Promise<TriggerResource> {
      const automation = await requireAutomation(context, input.automationId)
      const { payload } = input
      const lookup = eventRecordOf(payload)
      const account = await accountForPayload(automation, payload)
      let fetched: { record: Record<string, unknown>; request: string }
      try {
        fetched = await platform.fetchEventRecord(credentialsOf(account), lookup)
      } catch (error) {
        throw explainResourceError(error, lookup, account)
      }
      return {
        resource: fetched.record,
        fetchedAt: now().toISOString(),
        request: fetched.request,
        readScope: eventDefinition(lookup.scope).readScope,
      }
    },
  }
}
