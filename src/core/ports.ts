import type { ReadArea } from '../contract/accounts'
import type { DeliveryQuery } from '../contract/deliveries'
import type { Callback, EventScope } from '../contract/events'
import type { RunEngineConfig } from './actions/run-engine'
import type { RunStorage } from './actions/run-storage'
import type { EventRecord } from './event-record'
import type {
  AccountRecord,
  AutomationRecord,
  DeliveryRecord,
  DeliveryRefusal,
  DeliveryTarget,
  HookCheck,
  HookLocation,
  TriggerVersionRecord,
} from './record-schemas'

/**
 * The two ports of the core. The server wires them to SQLite and the real BigCommerce client;
 * the browser demo wires them to in-memory storage (persisted to localStorage) and the same
 * client talking to the simulator through msw.
 */

/** Which delivery was stored, for `watchDeliveries`. */
export type StoredDelivery = { triggerId: string; deliveryId: string }

export type DeliveryPageQuery = Omit<DeliveryQuery, 'limit'> & { limit: number }

export interface Storage {
  listAccounts(): Promise<AccountRecord[]>
  getAccount(accountId: string): Promise<AccountRecord | undefined>
  putAccount(account: AccountRecord): Promise<void>
  deleteAccount(accountId: string): Promise<void>

  listAutomations(): Promise<AutomationRecord[]>
  getAutomation(automationId: string): Promise<AutomationRecord | undefined>
  getAutomationByTriggerId(triggerId: string): Promise<AutomationRecord | undefined>
  putAutomation(automation: AutomationRecord): Promise<void>
  /** With its trigger's versions, deliveries and last check. */
  deleteAutomation(automationId: string): Promise<void>

  /** The receiver's view of a live trigger (see `DeliveryTarget`); undefined when there is none. */
  getDeliveryTarget(triggerId: string): Promise<DeliveryTarget | undefined>

  // ── A trigger's saved versions, kept as rows so the history can grow without slowing every read ──
  /** A save: writes the automation (its `saved` is `version`) and appends `version`, in one transaction. */
  saveTriggerVersion(automation: AutomationRecord, version: TriggerVersionRecord): Promise<void>
  /**
   * A save BigCommerce refused: writes the automation back as it was and removes the version
   * numbered `version` of its trigger, in one transaction. The only way a version goes.
   */
  withdrawTriggerVersion(automation: AutomationRecord, version: number): Promise<void>
  /** Newest first, at most `limit`, only those numbered below `before` when it is given. */
  listTriggerVersions(triggerId: string, options: { before?: number | undefined; limit: number }): Promise<TriggerVersionRecord[]>
  getTriggerVersion(triggerId: string, version: number): Promise<TriggerVersionRecord | undefined>

  /**
   * Stores a delivery durably. A second delivery with the same trigger and hash is not stored
   * again: it adds one to the stored row's `duplicates`. On a storage that keeps runs
   * (`RunStorage`), a newly stored delivery of an active automation whose saved version has
   * steps gets its run (pending, `runForDelivery`) in the same transaction, so no crash can keep
   * one without the other.
   */
  insertDelivery(delivery: DeliveryRecord): Promise<'inserted' | 'duplicate'>
  /** Newest first. */
  listDeliveries(triggerId: string, limit: number): Promise<DeliveryRecord[]>
  /**
   * One page of the delivery log, newest first, filtered as `DeliveryQuery` says; `nextCursor`
   * (null on the last page) is this storage's own, opaque to everyone else.
   */
  listDeliveryPage(triggerId: string, query: DeliveryPageQuery): Promise<{ deliveries: DeliveryRecord[]; nextCursor: string | null }>
  getDelivery(triggerId: string, deliveryId: string): Promise<DeliveryRecord | undefined>
  /**
   * Deletes at most `limit` deliveries (of any trigger) received before `before` (ISO), oldest
   * first, in one short statement; answers how many went. The retention purge calls it in chunks.
   */
  purgeDeliveries(before: string, limit: number): Promise<number>
  /**
   * Calls `listener` for each delivery stored from now on, once it is committed, by this process
   * or (on a shared database) by any other; returns the way to stop. For Test Trigger's listening.
   */
  watchDeliveries(listener: (stored: StoredDelivery) => void): () => void
  /** How many deliveries arrived at or after `since` (ISO time), and when the newest arrived. */
  deliveryStats(triggerId: string, since: string): Promise<{ count: number; lastReceivedAt: string | null }>

  // ── What the reconciler needs (reconciler.ts) ──
  /** Records places that may hold a hook; already recorded ones are left as they are. */
  addHookLocations(locations: HookLocation[]): Promise<void>
  /** One trigger's, or every trigger's (of live and deleted triggers alike). */
  listHookLocations(triggerId?: string): Promise<HookLocation[]>
  removeHookLocation(location: HookLocation): Promise<void>
  /** A deleted trigger's id, kept so late deliveries to it can be told from unknown ones. */
  recordDeletedTrigger(triggerId: string, deletedAt: string): Promise<void>
  /** True when the trigger was deleted at or after `since`. */
  wasTriggerDeletedSince(triggerId: string, since: string): Promise<boolean>
  /** Forgets triggers deleted before `before`. */
  pruneDeletedTriggers(before: string): Promise<void>
  /** The last check of a live trigger; it goes when the automation is deleted. */
  putHookCheck(check: HookCheck): Promise<void>
  getHookCheck(triggerId: string): Promise<HookCheck | undefined>
  /** Keeps a live trigger's last refused delivery in place of the one before; it goes with the automation. */
  putDeliveryRefusal(refusal: DeliveryRefusal): Promise<void>
  getDeliveryRefusal(triggerId: string): Promise<DeliveryRefusal | undefined>
  /**
   * Takes the lock `name` for `holder` if it is free, already `holder`'s (a renewal), or its
   * holder is gone. Across processes sharing the storage, at most one holds it, and a live
   * holder's is never taken. Where a dead holder cannot be told at once, its lock frees itself
   * at `expiresAt` (ISO, compared with `now`) unless renewed: in memory, and in SQLite for a
   * holder on another machine; SQLite takes over at once a lock whose process on this machine
   * is gone, and PostgreSQL's lock goes with its holder's session.
   */
  tryLock(name: string, holder: string, now: string, expiresAt: string): Promise<boolean>
  unlock(name: string, holder: string): Promise<void>
  /** Resolves when the storage answers a trivial read; rejects when it cannot (for /readyz). */
  ping(): Promise<void>
}

export type StoreCredentials = { storeHash: string; accessToken: string }

/** A BigCommerce webhook as `/v3/hooks` returns it (docs/bigcommerce-api-notes.md §1.4). */
export type Hook = {
  id: number
  scope: string
  destination: string
  is_active: boolean
  headers: Record<string, string> | null
}

/** One `blocked_domains` item of `GET /v3/hooks/admin`. */
export type BlockedDomain = { destination: string; timeLeftSeconds: number; reasons: string[] }

export type HookInput = {
  scope: EventScope
  destination: string
  headers: Record<string, string>
}

/**
 * What the core needs from a store. Implementations throw `BackendError`:
 * `invalid_credentials` on 401, `missing_scope` on 403, `not_found` on 404,
 * `validation_failed` on 400 and 422, `rate_limited` when 429s persist, `upstream_error` on 5xx
 * or network failure. The real client (bigcommerce/client.ts) and the fake (fake-store-platform.ts)
 * answer alike: store-platform-contract.test.ts runs the same tests against both.
 */
export interface StorePlatform {
  /** `GET /v3/hooks?limit=1`, then the name from `GET /v2/store` (the hash, and no id, on a 403). */
  verifyCredentials(credentials: StoreCredentials): Promise<{ storeName: string; storeId: string | null }>
  /**
   * Whether the token may read the area's records, by one cheap request for a single record
   * (rate limits handled as for any call): false when BigCommerce answers 403.
   */
  canRead(credentials: StoreCredentials, area: ReadArea): Promise<boolean>

  /**
   * `POST /v3/hooks`, active, with these headers. BigCommerce keeps one hook per API account,
   * scope and destination (docs/bigcommerce-api-notes.md §1.8) and refuses another: that is
   * `validation_failed`, and the hook already there is left as it was. Nothing is adopted here,
   * so a refusal costs no second lookup: callers look first (the reconciler lists the
   * destination with `listHooksAt` and updates the hook it finds), and a run that loses a race
   * records the refusal while the next run, listing first, adopts the hook.
   */
  createHook(credentials: StoreCredentials, input: HookInput): Promise<Hook>
  /** `PUT /v3/hooks/{id}` with `is_active: true`, which is also how a deactivated hook comes back; `not_found` when it is gone. */
  updateHook(credentials: StoreCredentials, hookId: number, input: HookInput): Promise<Hook>
  /** A 404 counts as already deleted. */
  deleteHook(credentials: StoreCredentials, hookId: number): Promise<void>
  /**
   * `GET /v3/hooks?destination=…`, every page: the hooks of any scope at one destination that
   * the token's API account made; another account's are invisible to it (docs/bigcommerce-api-notes.md §1.1).
   */
  listHooksAt(credentials: StoreCredentials, destination: string): Promise<Hook[]>
  /** The denylisted destination domains of `GET /v3/hooks/admin` (docs/bigcommerce-api-notes.md §1.2, §3.4). */
  blockedDomains(credentials: StoreCredentials): Promise<BlockedDomain[]>

  /**
   * The `data` a delivery for the store's newest matching record would carry
   * (docs/bigcommerce-api-notes.md §5.1), or null when the store has no such record;
   * `missing_scope` when the token may not read the event's records.
   */
  latestEventData(credentials: StoreCredentials, scope: EventScope): Promise<{ data: Callback['data']; createdAt: number } | null>

  /**
   * The record behind an event (docs/bigcommerce-api-notes.md §5), and the request that fetched
   * it in the words a user would type (`GET /v3/catalog/products/12`); `not_found` when the store
   * no longer has it, `missing_scope` when the token may not read it.
   */
  fetchEventRecord(credentials: StoreCredentials, event: EventRecord): Promise<{ record: Record<string, unknown>; request: string }>
}

export type CoreConfig = {
  /** https base BigCommerce can reach; null means webhooks cannot be registered. */
  publicUrl: string | null
  /** Words for the UI when `publicUrl` is null. */
  webhookHelp: string
  now?: () => Date
  randomId?: () => string
  /** Deliveries older than this many days are purged; `DEFAULT_RETENTION_DAYS` unless set. */
  retentionDays?: number
  /** How long Listen for an event waits; `LISTEN_TIMEOUT_MS` unless set (tests shorten it). */
  listenTimeoutMs?: number
  /** Action runs: the waits between tries of a failing step, and the worker's settings; defaults unless set. */
  runs?: Partial<RunEngineConfig>
}

export type { AccountRecord, AutomationRecord, DeliveryRecord, HookCheck, HookLocation, TriggerVersionRecord }

export type { OutboundHttp } from './actions/outbound'

/**
 * A storage that keeps action runs. The in-memory one does; SQLite's and PostgreSQL's do not
 * yet, and on them action steps are saved but not run (the service says so).
 */
export type StorageWithRuns = Storage & RunStorage

export function keepsRuns(storage: Storage): storage is StorageWithRuns {
  return 'claimRun' in storage && typeof (storage as Partial<RunStorage>).claimRun === 'function'
}
