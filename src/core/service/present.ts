import type { Account } from '../../contract/accounts'
import type { Automation } from '../../contract/automations'
import type { TriggerDelivery } from '../../contract/deliveries'
import type { SavedTrigger, TriggerDraft } from '../../contract/trigger-config'
import type { TriggerHealth } from '../../contract/trigger-health'
import { diffTriggerConfigs, isEmptyDiff } from '../../contract/trigger-diff'
import { webhookAsChecked } from '../reconciler'
import type { AccountRecord, AutomationRecord, DeliveryRecord, HookCheck, TriggerVersionRecord } from '../record-schemas'
import { accountName, tokenMask } from '../store-identity'
import type { ServiceContext } from './context'
import { healthOf } from './trigger-health'

/** Records as the contract answers them: what a user may see, and no secret. */

/** The automations whose draft or saved trigger uses the account. */
export function usersOf(accountId: string, automations: readonly AutomationRecord[]): Account['usedBy'] {
  return automations
    .filter((automation) => automation.trigger.draft.accountId === accountId || automation.trigger.saved?.config.accountId === accountId)
    .map((automation) => ({ id: automation.id, name: automation.name }))
}

export function toAccount(record: AccountRecord, automations: readonly AutomationRecord[]): Account {
  return {
    id: record.id,
    connector: record.connector,
    name: accountName(record),
    storeHash: record.storeHash,
    storeName: record.storeName,
    tokenMask: tokenMask(record.accessToken),
    signatureChecked: record.clientSecret !== undefined,
    createdAt: record.createdAt,
    lastVerifiedAt: record.lastVerifiedAt ?? record.createdAt,
    readScopes: record.readScopes ?? null,
    usedBy: usersOf(record.id, automations),
  }
}

/**
 * Stage is where the user stands, not what they configured, so it never makes a draft "changed";
 * nor does the order of its headers. Otherwise changed is what the diff shows, so Revert
 * Changes is offered exactly when its confirmation has something to list.
 */
function differsFromSaved(draft: TriggerDraft, saved: SavedTrigger | null): boolean {
  if (!saved) return false
  const config = saved.config
  return draft.connector !== config.connector || draft.trigger !== config.trigger || !isEmptyDiff(diffTriggerConfigs(draft, config))
}

export function toSavedTrigger({ triggerId: _triggerId, ...version }: TriggerVersionRecord): SavedTrigger {
  return version
}

function healthAsCheck(triggerId: string, health: TriggerHealth): HookCheck | undefined {
  if (health.lastCheckedAt === null) return undefined
  const { status, hookId, blockedDomain, actions, problem } = health
  return { triggerId, checkedAt: health.lastCheckedAt, status, hookId, blockedDomain, actions, problem }
}

/** `health` undefined: not looked up for this answer (a draft write), so the caller keeps the one it has. */
export function toAutomation(record: AutomationRecord, health: TriggerHealth | null | undefined): Automation {
  const { trigger } = record
  const saved =
    trigger.saved && health
      ? { ...trigger.saved, webhook: webhookAsChecked(trigger.saved.webhook, healthAsCheck(trigger.id, health)) }
      : trigger.saved
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    active: record.active ?? false,
    trigger: {
      id: trigger.id,
      draft: trigger.draft,
      saved,
      differsFromSaved: differsFromSaved(trigger.draft, trigger.saved),
      draftRestoredFrom: trigger.draftRestoredFrom,
      ...(health === undefined ? {} : { health }),
    },
  }
}

export function toTriggerDelivery({ id, receivedAt, payload, duplicates, authenticatedBy }: DeliveryRecord): TriggerDelivery {
  return { id, receivedAt, payload, duplicates, authenticatedBy }
}

/** The automation with its trigger's health, from storage (no call to BigCommerce). */
export async function present(context: ServiceContext, record: AutomationRecord, check?: HookCheck | null): Promise<Automation> {
  return toAutomation(record, await healthOf(context, record, check))
}

export async function putAutomation(context: ServiceContext, record: AutomationRecord): Promise<Automation> {
  await context.storage.putAutomation(record)
  return present(context, record)
}
