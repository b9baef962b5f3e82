import type { Account, AuthorizeAccountRequest, RenameAccountRequest, ReplaceAccountTokenRequest } from '../contract/accounts'
import type { Automation, BackendInfo, CreateAutomationRequest } from '../contract/automations'
import type { DeliveryPage, DeliveryQuery, ListenOutcome, ListenReady, TriggerDelivery } from '../contract/deliveries'
import type { SavedTrigger, TriggerDraft } from '../contract/trigger-config'
import type { TriggerHealth } from '../contract/trigger-health'
import type { TriggerResource, TriggerTest } from '../contract/trigger-test'
import type { TriggerVersionsDiff, TriggerVersionsPage, VersionRef } from '../contract/versions'
import type { Callback } from '../contract/events'

export type CallOptions = { signal?: AbortSignal }

/**
 * Everything the UI needs from a backend, and the only thing it depends on. `httpBackend`
 * implements it over the REST contract; a host platform can plug in its own. Every method
 * rejects with a `BackendError` carrying the contract's code, message and field.
 */
export interface TriggerBackend {
  getInfo(input: void, options?: CallOptions): Promise<BackendInfo>
  listAutomations(input: void, options?: CallOptions): Promise<Automation[]>
  createAutomation(input: CreateAutomationRequest, options?: CallOptions): Promise<Automation>
  getAutomation(input: { automationId: string }, options?: CallOptions): Promise<Automation>
  deleteAutomation(input: { automationId: string }, options?: CallOptions): Promise<void>
  listAccounts(input: void, options?: CallOptions): Promise<Account[]>
  authorizeAccount(input: AuthorizeAccountRequest, options?: CallOptions): Promise<Account>
  renameAccount(input: { accountId: string } & RenameAccountRequest, options?: CallOptions): Promise<Account>
  /**
   * Replaces the account's token once BigCommerce accepts the new one for the account's store;
   * on any refusal (`accessToken` names the field) the old token stays.
   */
  replaceAccountToken(input: { accountId: string } & ReplaceAccountTokenRequest, options?: CallOptions): Promise<Account>
  /** Rejects with `conflict`, naming them, while an automation uses the account. */
  deleteAccount(input: { accountId: string }, options?: CallOptions): Promise<void>
  updateTriggerDraft(input: { automationId: string; draft: TriggerDraft }, options?: CallOptions): Promise<Automation>
  testTrigger(input: { automationId: string }, options?: CallOptions): Promise<TriggerTest>
  saveTrigger(input: { automationId: string }, options?: CallOptions): Promise<Automation>
  revertTrigger(input: { automationId: string }, options?: CallOptions): Promise<Automation>
  /** The saved versions, newest first, a page at a time; `before` asks for those older than it. */
  listTriggerVersions(input: { automationId: string; before?: number | undefined }, options?: CallOptions): Promise<TriggerVersionsPage>
  getTriggerVersion(input: { automationId: string; version: number }, options?: CallOptions): Promise<SavedTrigger>
  /** What changes from `from` to `to` (versions or the draft), field by field, secret-looking header values masked. */
  diffTriggerVersions(
    input: { automationId: string; from: VersionRef; to: VersionRef },
    options?: CallOptions,
  ): Promise<TriggerVersionsDiff>
  /** Makes a saved version the draft (at Configure Trigger); saving it makes it the version in effect. */
  restoreTriggerVersion(input: { automationId: string; version: number }, options?: CallOptions): Promise<Automation>
  /** What BigCommerce holds for the saved trigger right now, with delivery counts. */
  getTriggerHealth(input: { automationId: string }, options?: CallOptions): Promise<TriggerHealth>
  /** Brings BigCommerce in line with the saved trigger: reactivates or re-registers its hook. */
  reconcileTrigger(input: { automationId: string }, options?: CallOptions): Promise<TriggerHealth>
  /**
   * The trigger's deliveries, newest first: a page of `limit` (`MAX_LISTED_DELIVERIES` unless
   * given) after `cursor` (a page's `nextCursor`), filtered by event, time and payload text.
   */
  listTriggerDeliveries(input: { automationId: string } & DeliveryQuery, options?: CallOptions): Promise<DeliveryPage>
  /** One stored delivery; `not_found` once the retention purged it. */
  getTriggerDelivery(input: { automationId: string; deliveryId: string }, options?: CallOptions): Promise<TriggerDelivery>
  /**
   * Listen for an event: waits for the saved trigger's next delivery. `onReady` is told once the
   * backend listens; resolves with the delivery, or `timeout` after `LISTEN_TIMEOUT_MS`; rejects
   * with the signal's reason when aborted (Cancel). Refused with `conflict` for a trigger never
   * saved or a backend BigCommerce cannot reach (no PUBLIC_URL).
   */
  listenForDelivery(
    input: { automationId: string },
    options?: CallOptions & { onReady?: (ready: ListenReady) => void },
  ): Promise<ListenOutcome>
  /**
   * The record behind `payload` (a delivery or a test's payload from this trigger's store), as the
   * connector's action would fetch it. Rejects with `not_found` when the record is gone and
   * `missing_scope` when the account lacks the event's read scope, in words saying what to do.
   */
  fetchTriggerResource(input: { automationId: string; payload: Callback }, options?: CallOptions): Promise<TriggerResource>
}
