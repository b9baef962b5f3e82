import {
  LISTEN_TIMEOUT_MS,
  MAX_LISTED_DELIVERIES,
  missingChoiceMessages,
  triggerConfigSchema,
  VERSIONS_PAGE_SIZE,
  type Account,
  type AuthorizeAccountRequest,
  type Automation,
  type BackendInfo,
  type CreateAutomationRequest,
  type DeliveryPage,
  type DeliveryQuery,
  type ListenOutcome,
  type ListenReady,
  type ReadAccess,
  type ReadArea,
  type ReadScopes,
  type SavedTrigger,
  type TriggerConfig,
  type TriggerDelivery,
  type TriggerDraft,
  type TriggerHealth,
  type TriggerResource,
  type TriggerTest,
  type TriggerVersionsDiff,
  type TriggerVersionsPage,
  type VersionRef,
} from '../contract/api'
import { accessTokenProblem, clientSecretProblem, normalizeAccessToken, normalizeClientSecret } from '../contract/access-token'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { pluralForm } from '../contract/count-words'
import { BackendError } from '../contract/errors'
import { callbackHash, callbackSchema, type Callback } from '../contract/events'
import { webhookPath } from '../contract/routes'
import { normalizeStoreHash, storeHashProblem } from '../contract/store-hash'
import { diffTriggerConfigs, isEmptyDiff, type DiffableConfig } from '../contract/trigger-diff'
import { eventDefinition } from '../connectors/bigcommerce'
import { signatureProblem, type SignatureHeaders } from './delivery-signature'
import type { CoreConfig, Storage, StoreCredentials, StorePlatform } from './ports'
import { createReconciler, DELETED_TRIGGER_KEPT_MS, webhookAsChecked, type ReconcileRun } from './reconciler'
import type { AccountRecord, AutomationRecord, DeliveryRecord, HookCheck, TriggerVersionRecord } from './record-schemas'
import { eventRecordOf, type EventRecord } from './event-record'
import { DEFAULT_RETENTION_DAYS, purgeDeliveriesBefore } from './delivery-retention'
import { parseInput, validationError } from './validation-error'

/** How many deliveries a test looks through for one of the draft's event. */
const DELIVERIES_SEARCHED_BY_TEST = 50

/** At most one refused delivery a trigger is written in this long (see `recordRefusal`). */
export const REFUSAL_WRITTEN_EVERY_MS = 60_000

export type DeliveryInput = {
  triggerId: string
  secretHeader: string | null
  body: unknown
  /** Present when the delivery carries `webhook-signature`: the body exactly as received, and the signature's headers. */
  signed?: { rawBody: string; headers: SignatureHeaders }
}
/** `discarded`: the trigger was deleted while its hook could not be; see the README. */
export type DeliveryOutcome = { status: 'stored' | 'duplicate' | 'discarded' }

/**
 * The whole contract in-process, plus what the webhook receiver and a delivery log need.
 * Its methods match `TriggerBackend` (which core may not import), so the service itself can
 * stand in as a backend; `api-app.test.ts` checks that at compile time.
 */
export type TriggerService = {
  getInfo(): Promise<BackendInfo>
  listAutomations(): Promise<Automation[]>
  createAutomation(input: CreateAutomationRequest): Promise<Automation>
  getAutomation(input: { automationId: string }): Promise<Automation>
  deleteAutomation(input: { automationId: string }): Promise<void>
  listAccounts(): Promise<Account[]>
  authorizeAccount(input: AuthorizeAccountRequest): Promise<Account>
  renameAccount(input: { accountId: string; name: string }): Promise<Account>
  /** Checks the token with BigCommerce (the account's store, no other) before it replaces the old one. */
  replaceAccountToken(input: { accountId: string; accessToken: string; clientSecret?: string }): Promise<Account>
  /** Refused while an automation uses the account, naming them. */
  deleteAccount(input: { accountId: string }): Promise<void>
  updateTriggerDraft(input: { automationId: string; draft: TriggerDraft }): Promise<Automation>
  testTrigger(input: { automationId: string }): Promise<TriggerTest>
  saveTrigger(input: { automationId: string }): Promise<Automation>
  revertTrigger(input: { automationId: string }): Promise<Automation>
  /** Newest first, `VERSIONS_PAGE_SIZE` at a time; `before` asks for the versions older than it. */
  listTriggerVersions(input: { automationId: string; before?: number | undefined }): Promise<TriggerVersionsPage>
  getTriggerVersion(input: { automationId: string; version: number }): Promise<SavedTrigger>
  /** What changes from `from` to `to`, each a version or the draft. */
  diffTriggerVersions(input: { automationId: string; from: VersionRef; to: VersionRef }): Promise<TriggerVersionsDiff>
  /** Makes a version the draft, to check and save; saving it registers it. */
  restoreTriggerVersion(input: { automationId: string; version: number }): Promise<Automation>
  /**
   * The trigger's deliveries, newest first, a page at a time (`MAX_LISTED_DELIVERIES` unless
   * `limit` says), filtered by event, time and payload text: the output's picker and the log.
   */
  listTriggerDeliveries(input: { automationId: string } & DeliveryQuery): Promise<DeliveryPage>
  /** One stored delivery, for the viewer and for a replay; `not_found` once purged. */
  getTriggerDelivery(input: { automationId: string; deliveryId: string }): Promise<TriggerDelivery>
  /**
   * Waits for the saved trigger's next stored delivery: `onReady` is told once it listens (a
   * delivery stored from then on counts); resolves with the delivery, or `timeout` after
   * `LISTEN_TIMEOUT_MS`; rejects with the signal's reason when it is aborted.
   */
  listenForDelivery(
    input: { automationId: string },
    options?: { signal?: AbortSignal; onReady?: (ready: ListenReady) => void },
  ): Promise<ListenOutcome>
  /** Deletes deliveries older than the retention, in chunks; answers how many went. */
  purgeExpiredDeliveries(): Promise<number>
  /** The record behind a delivery or test payload of this trigger's store, fetched as the action would. */
  fetchTriggerResource(input: { automationId: string; payload: Callback }): Promise<TriggerResource>
  /** The saved trigger's health: looks at BigCommerce now (no changes), then answers. */
  getTriggerHealth(input: { automationId: string }): Promise<TriggerHealth>
  /** Brings BigCommerce in line with the saved trigger now: Reactivate and Re-register. */
  reconcileTrigger(input: { automationId: string }): Promise<TriggerHealth>
  /** Every trigger, as at start-up and on the schedule. */
  reconcileAll(): Promise<ReconcileRun>
  receiveDelivery(input: DeliveryInput): Promise<DeliveryOutcome>
  /** Newest first. */
  listDeliveries(input: { triggerId: string; limit?: number }): Promise<DeliveryRecord[]>
}

// ── Pure helpers ───────────────────────────────────────────────────────────

/**
 * A UUIDv7 (RFC 9562): the time in milliseconds, then randomUUID's random bits. The uuid
 * package's v7 draws its bytes through crypto.getRandomValues, 4 % of a delivery's time in a
 * profile; randomUUID draws from a pool.
 */
export function timeOrderedId(at: Date): string {
  const time = at.getTime().toString(16).padStart(12, '0')
  // randomUUID is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep all after its version digit.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${globalThis.crypto.randomUUID().slice(15)}`
}

/** Words for what an incomplete draft lacks; header issues already carry their own message. */
const MISSING_CHOICE: Record<string, string> = {
  connector: 'Choose the BigCommerce connector first.',
  trigger: 'Choose the BigCommerce trigger first.',
  ...missingChoiceMessages,
}

function completeConfig(draft: TriggerDraft, action: 'test' | 'save'): TriggerConfig {
  const parsed = triggerConfigSchema.safeParse(draft)
  if (parsed.success) return parsed.data
  throw validationError(parsed.error, {
    code: 'incomplete_trigger',
    message: (issue) => {
      const top = issue?.path[0]
      const missing = typeof top === 'string' && top !== 'headers' ? MISSING_CHOICE[top] : undefined
      return missing ?? issue?.message ?? `The trigger is not complete enough to ${action}.`
    },
  })
}

function tokenMask(token: string): string {
  return `••••••••${token.slice(-4)}`
}

function accountName(record: AccountRecord): string {
  return record.displayName ?? record.storeName
}

/** The automations whose draft or saved trigger uses the account. */
function usersOf(accountId: string, automations: readonly AutomationRecord[]): Account['usedBy'] {
  return automations
    .filter((automation) => automation.trigger.draft.accountId === accountId || automation.trigger.saved?.config.accountId === accountId)
    .map((automation) => ({ id: automation.id, name: automation.name }))
}

function toAccount(record: AccountRecord, automations: readonly AutomationRecord[]): Account {
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

/** “Orders”, “Orders” and “Products”, …: names as a sentence lists them. */
function quotedList(names: readonly string[]): string {
  return new Intl.ListFormat('en', { type: 'conjunction' }).format(names.map((name) => `“${name}”`))
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

function toSavedTrigger({ triggerId: _triggerId, ...version }: TriggerVersionRecord): SavedTrigger {
  return version
}

function toAutomation(record: AutomationRecord, health: TriggerHealth | null): Automation {
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
    trigger: {
      id: trigger.id,
      draft: trigger.draft,
      saved,
      differsFromSaved: differsFromSaved(trigger.draft, trigger.saved),
      draftRestoredFrom: trigger.draftRestoredFrom,
      health,
    },
  }
}

function healthAsCheck(triggerId: string, health: TriggerHealth): HookCheck | undefined {
  if (health.lastCheckedAt === null) return undefined
  const { status, hookId, blockedDomain, actions, problem } = health
  return { triggerId, checkedAt: health.lastCheckedAt, status, hookId, blockedDomain, actions, problem }
}

function toTriggerDelivery({ id, receivedAt, payload, duplicates, authenticatedBy }: DeliveryRecord): TriggerDelivery {
  return { id, receivedAt, payload, duplicates, authenticatedBy }
}

function credentialsOf(account: AccountRecord): StoreCredentials {
  return { storeHash: account.storeHash, accessToken: account.accessToken }
}

function producerOf(storeHash: string): string {
  return `stores/${storeHash}`
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function randomSecret(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)))
}

/**
 * Compares without an early exit so the time taken does not reveal how much of a guessed
 * secret was right. Pure JS because Web Crypto has no timing-safe compare.
 */
/** One encoder for every comparison: it holds no state, and every delivery is compared. */
const UTF8 = new TextEncoder()

export function constantTimeEqual(a: string, b: string): boolean {
  const left = UTF8.encode(a)
  const right = UTF8.encode(b)
  const length = Math.max(left.length, right.length)
  let difference = left.length ^ right.length
  for (let index = 0; index < length; index += 1) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0)
  }
  return difference === 0
}

function isCode(error: unknown, ...codes: string[]): error is BackendError {
  return error instanceof BackendError && codes.includes(error.code)
}

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

// ── The service ────────────────────────────────────────────────────────────

export function createTriggerService({
  storage,
  platform,
  config,
}: {
  storage: Storage
  platform: StorePlatform
  config: CoreConfig
}): TriggerService {
  const now = () => (config.now ? config.now() : new Date())
  const randomId = () => (config.randomId ? config.randomId() : globalThis.crypto.randomUUID())
  // Deliveries arrive by the thousand: an id that grows with time (a UUIDv7) is added at the end
  // of the id index, where a random one would dirty a page of it anywhere, one each.
  const newDeliveryId = () => (config.randomId ? config.randomId() : timeOrderedId(now()))
  const publicUrl = config.publicUrl ? config.publicUrl.replace(/\/+$/, '') : null
  const listenTimeoutMs = config.listenTimeoutMs ?? LISTEN_TIMEOUT_MS
  const retentionDays = config.retentionDays ?? DEFAULT_RETENTION_DAYS

  /**
   * Changes to one automation (key `automation:{id}`) run one after another, so a double-clicked
   * Save cannot register two hooks or let one save overwrite the other's history; so do the
   * authorizations of one store (`account:{hash}`), so a double submit cannot add two accounts.
   */
  const queues = new Map<string, Promise<unknown>>()
  function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve()
    const result = previous.then(work, work)
    const settled = result.then(
      () => undefined,
      () => undefined,
    )
    queues.set(key, settled)
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key)
    })
    return result
  }

  async function requireAutomation(automationId: string): Promise<AutomationRecord> {
    const automation = await storage.getAutomation(automationId)
    if (!automation) throw new BackendError('not_found', 'This automation no longer exists. It may have been deleted.')
    return automation
  }

  async function requireAccount(accountId: string): Promise<AccountRecord> {
    const account = await storage.getAccount(accountId)
    if (!account) {
      throw new BackendError('not_found', 'That BigCommerce account is not authorized here. Add it again.', { field: 'accountId' })
    }
    return account
  }

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
    if (!expected) return requireAccount(first)
    throw new BackendError(
      'validation_failed',
      `This payload comes from ${payload.producer}, not from ${expected.storeName} (${producerOf(expected.storeHash)}), the store this trigger uses.`,
      { field: 'payload.producer' },
    )
  }

  async function presentAccount(record: AccountRecord): Promise<Account> {
    return toAccount(record, await storage.listAutomations())
  }

  /** A change to one account, after any other change to its store's accounts (see `serialized`). */
  async function changeAccount<T>(accountId: string, work: (account: AccountRecord) => Promise<T>): Promise<T> {
    const { storeHash } = await requireAccount(accountId)
    return serialized(`account:${storeHash}`, async () => work(await requireAccount(accountId)))
  }

  /**
   * What the token may read, one request per area, all at once. Only a 403 says a scope is
   * missing; any other failure says nothing about it, and is no reason to refuse a token
   * BigCommerce has just accepted.
   */
  async function probeReadScopes(credentials: StoreCredentials, checkedAt: string): Promise<ReadScopes> {
    const check = async (area: ReadArea): Promise<ReadAccess> => {
      try {
        return (await platform.canRead(credentials, area)) ? 'granted' : 'missing'
      } catch (error) {
        if (!(error instanceof BackendError)) throw error
        return 'unknown'
      }
    }
    const [products, orders, customers] = await Promise.all([check('products'), check('orders'), check('customers')])
    return { checkedAt, areas: { products, orders, customers } }
  }

  async function requireVersion(automation: AutomationRecord, version: number): Promise<TriggerVersionRecord> {
    const found = await storage.getTriggerVersion(automation.trigger.id, version)
    if (!found) throw new BackendError('not_found', `This trigger has no version ${version}.`)
    return found
  }

  async function putAutomation(record: AutomationRecord): Promise<Automation> {
    await storage.putAutomation(record)
    return present(record)
  }

  const reconciler = createReconciler({ storage, platform, publicUrl, now, randomId })

  /**
   * When each trigger's last refusal was written, by this process: a flood of refused deliveries
   * (or a stranger guessing secrets) costs one write a trigger a minute, not one each. So the
   * health's time of the last refusal is at most that much behind.
   */
  const refusalWrittenAt = new Map<string, number>()
  async function recordRefusal(triggerId: string, reason: string): Promise<void> {
    const at = now()
    const last = refusalWrittenAt.get(triggerId)
    if (last !== undefined && at.getTime() - last < REFUSAL_WRITTEN_EVERY_MS) return
    refusalWrittenAt.set(triggerId, at.getTime())
    // The delivery is refused all the same when this cannot be written: its answer matters more.
    await storage.putDeliveryRefusal({ triggerId, refusedAt: at.toISOString(), reason }).catch(() => undefined)
  }

  /** The stored check with the delivery counts; null before the first save. */
  async function healthOf(record: AutomationRecord, check?: HookCheck | null): Promise<TriggerHealth | null> {
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

  async function present(record: AutomationRecord, check?: HookCheck | null): Promise<Automation> {
    return toAutomation(record, await healthOf(record, check))
  }

  /** After revert: the desired state did not change, but a run finds drift; its failure is the health's to show. */
  async function reconcileQuietly(triggerId: string): Promise<HookCheck | null> {
    const outcome = await reconciler.reconcileTrigger(triggerId, { mode: 'converge', wait: false })
    return outcome.check
  }

  const service: TriggerService = {
    async getInfo() {
      return { publicUrl, webhookHelp: publicUrl ? null : config.webhookHelp }
    },

    async listAutomations() {
      return Promise.all((await storage.listAutomations()).map((record) => present(record)))
    },

    async createAutomation(input) {
      const { name } = input
      const timestamp = now().toISOString()
      return putAutomation({
        id: randomId(),
        name,
        createdAt: timestamp,
        updatedAt: timestamp,
        trigger: {
          id: randomId(),
          secret: randomSecret(),
          draft: { stage: 'connector', connector: null, trigger: null, accountId: null, event: null, headers: [] },
          saved: null,
          draftRestoredFrom: null,
        },
      })
    },

    async getAutomation({ automationId }) {
      return present(await requireAutomation(automationId))
    },

    deleteAutomation({ automationId }) {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(automationId)
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

    async listAccounts() {
      const automations = await storage.listAutomations()
      return (await storage.listAccounts()).map((record) => toAccount(record, automations))
    },

    async authorizeAccount(input) {
      const request = input
      const storeHash = normalizeStoreHash(request.storeHash)
      const hashProblem = storeHashProblem(storeHash)
      if (hashProblem) throw new BackendError('validation_failed', hashProblem, { field: 'storeHash' })
      const accessToken = normalizeAccessToken(request.accessToken)
      const tokenProblem = accessTokenProblem(accessToken)
      if (tokenProblem) throw new BackendError('validation_failed', tokenProblem, { field: 'accessToken' })
      const clientSecret = normalizeClientSecret(request.clientSecret ?? '')
      const secretProblem = clientSecretProblem(clientSecret)
      if (secretProblem) throw new BackendError('validation_failed', secretProblem, { field: 'clientSecret' })

      return serialized(`account:${storeHash}`, async () => {
        const { storeName, storeId } = await platform.verifyCredentials({ storeHash, accessToken })
        const verifiedAt = now().toISOString()
        const readScopes = await probeReadScopes({ storeHash, accessToken }, verifiedAt)
        // The token is part of the match: another API account of the same store (the read-only
        // one, say) becomes another account, so adding it never changes what saved triggers use.
        const existing = (await storage.listAccounts()).find(
          (account) => account.storeHash === storeHash && constantTimeEqual(account.accessToken, accessToken),
        )
        // A Client Secret given again replaces the stored one; none given keeps it, so authorizing
        // the same token once more cannot switch signature checks off by accident.
        const record: AccountRecord = existing
          ? {
              ...existing,
              storeName,
              storeId: storeId ?? existing.storeId,
              lastVerifiedAt: verifiedAt,
              readScopes,
              ...(clientSecret ? { clientSecret } : {}),
            }
          : {
              id: randomId(),
              connector: 'bigcommerce',
              storeHash,
              storeName,
              createdAt: verifiedAt,
              accessToken,
              ...(clientSecret ? { clientSecret } : {}),
              storeId,
              displayName: null,
              lastVerifiedAt: verifiedAt,
              readScopes,
            }
        await storage.putAccount(record)
        return presentAccount(record)
      })
    },

    renameAccount({ accountId, name }) {
      return changeAccount(accountId, async (account) => {
        const record: AccountRecord = { ...account, displayName: name }
        await storage.putAccount(record)
        return presentAccount(record)
      })
    },

    async replaceAccountToken(input) {
      const accessToken = normalizeAccessToken(input.accessToken)
      const tokenProblem = accessTokenProblem(accessToken)
      if (tokenProblem) throw new BackendError('validation_failed', tokenProblem, { field: 'accessToken' })
      const clientSecret = normalizeClientSecret(input.clientSecret ?? '')
      const secretProblem = clientSecretProblem(clientSecret)
      if (secretProblem) throw new BackendError('validation_failed', secretProblem, { field: 'clientSecret' })

      return changeAccount(input.accountId, async (account) => {
        const name = accountName(account)
        const kept = 'The current token is kept.'
        // Always against the account's own store: a token of another store is refused there.
        const credentials = { storeHash: account.storeHash, accessToken }
        let verified: Awaited<ReturnType<StorePlatform['verifyCredentials']>>
        try {
          verified = await platform.verifyCredentials(credentials)
        } catch (error) {
          if (!isCode(error, 'invalid_credentials')) throw error
          throw new BackendError(
            'invalid_credentials',
            `BigCommerce did not accept this Access Token for ${name} (store ${account.storeHash}): it may be a token of another store, or its API account may have been deleted. ${kept}`,
            { field: 'accessToken' },
          )
        }
        // BigCommerce answers a token only for its own store, so this is a second line of defence.
        if (verified.storeId !== null && account.storeId !== null && verified.storeId !== account.storeId) {
          throw new BackendError(
            'validation_failed',
            `This Access Token is for another store (store id ${verified.storeId}), not ${name} (store id ${account.storeId}). ${kept}`,
            { field: 'accessToken' },
          )
        }
        const unchanged = constantTimeEqual(account.accessToken, accessToken)
        const twin = (await storage.listAccounts()).find(
          (other) => other.id !== account.id && other.storeHash === account.storeHash && constantTimeEqual(other.accessToken, accessToken),
        )
        if (twin) {
          throw new BackendError('validation_failed', `This Access Token is already authorized here, as ${accountName(twin)}. ${kept}`, {
            field: 'accessToken',
          })
        }
        // The stored Client Secret is the old API account's: with another token it would refuse
        // every signed delivery, so it goes unless a new one comes with the token.
        const { clientSecret: previousSecret, ...rest } = account
        const keptSecret = clientSecret || (unchanged ? previousSecret : undefined)
        const verifiedAt = now().toISOString()
        const updated: AccountRecord = {
          ...rest,
          ...(keptSecret ? { clientSecret: keptSecret } : {}),
          accessToken,
          // Without Information & Settings the name comes back as the hash: the known one stays.
          storeName: verified.storeName === account.storeHash ? account.storeName : verified.storeName,
          storeId: verified.storeId ?? account.storeId,
          lastVerifiedAt: verifiedAt,
          readScopes: await probeReadScopes(credentials, verifiedAt),
        }
        if (unchanged) await storage.putAccount(updated)
        else await reconciler.replaceToken(account, updated)
        return presentAccount(updated)
      })
    },

    deleteAccount({ accountId }) {
      return changeAccount(accountId, async (account) => {
        const name = accountName(account)
        const users = usersOf(account.id, await storage.listAutomations())
        if (users.length > 0) {
          const them = pluralForm(users.length, { one: 'it', other: 'them' })
          throw new BackendError(
            'conflict',
            `${name} is used by ${pluralForm(users.length, { one: 'the automation', other: 'the automations' })} ${quotedList(users.map((user) => user.name))}, so it was not deleted. Choose another account in ${them}, or delete ${them}, first.`,
          )
        }
        // A hook made with this token may be left at BigCommerce (by a save that moved away, or a
        // deleted automation); without the account, nothing could ever remove it. A run now usually
        // clears it.
        const leftAt = async () => (await storage.listHookLocations()).filter((location) => location.accountId === account.id)
        for (const location of await leftAt()) await reconciler.reconcileTrigger(location.triggerId, { mode: 'converge', wait: true })
        if ((await leftAt()).length > 0) {
          throw new BackendError(
            'conflict',
            `A webhook made with ${name}'s token may still be at BigCommerce, and it could not be removed just now, so the account was not deleted. Try again in a few minutes.`,
          )
        }
        await storage.deleteAccount(account.id)
      })
    },

    updateTriggerDraft(input) {
      return serialized(`automation:${input.automationId}`, async () => {
        const { draft } = input
        const automation = await requireAutomation(input.automationId)
        if (draft.accountId !== null) await requireAccount(draft.accountId)
        return putAutomation({
          ...automation,
          updatedAt: now().toISOString(),
          trigger: { ...automation.trigger, draft },
        })
      })
    },

    async testTrigger({ automationId }) {
      const automation = await requireAutomation(automationId)
      const next = completeConfig(automation.trigger.draft, 'test')
      const account = await requireAccount(next.accountId)
      const producer = producerOf(account.storeHash)
      const event = eventDefinition(next.event)
      const result = (
        source: TriggerTest['source'],
        payload: Callback,
        note: string | null,
        deliveryId: string | null = null,
      ): TriggerTest => ({ source, testedAt: now().toISOString(), event: next.event, payload, deliveryId, note })
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

    saveTrigger({ automationId }) {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(automationId)
        const { trigger } = automation
        const next = completeConfig(trigger.draft, 'save')
        await requireAccount(next.accountId)

        const destination = publicUrl ? `${publicUrl}${webhookPath(trigger.id)}` : null
        const saved: SavedTrigger = {
          version: (trigger.saved?.version ?? 0) + 1,
          savedAt: now().toISOString(),
          config: next,
          // The hook id is the reconciler's to find out; the check below fills it in.
          webhook: destination
            ? { status: 'registered', hookId: null, destination, detail: null }
            : { status: 'not_registered', hookId: null, destination: null, detail: config.webhookHelp },
          restoredFrom: trigger.draftRestoredFrom,
        }
        const updated: AutomationRecord = {
          ...automation,
          updatedAt: saved.savedAt,
          trigger: { ...trigger, draft: { ...trigger.draft, stage: 'test' }, saved, draftRestoredFrom: null },
        }
        // The intent, durably, before BigCommerce hears of it: where the old hook is, then the
        // new version. Killed after this, the start-up run finishes the save.
        const previous = reconciler.savedLocation(automation)
        if (previous) await storage.addHookLocations([previous])
        await storage.saveTriggerVersion(updated, { ...saved, triggerId: trigger.id })

        const outcome = await reconciler.reconcileTrigger(trigger.id, { mode: 'converge', wait: true })
        if (outcome.error) {
          // BigCommerce refused or failed: the save is undone, its version with it (it was never
          // in effect), and so is what it changed there.
          await storage.withdrawTriggerVersion(automation, saved.version)
          await reconciler.reconcileTrigger(trigger.id, { mode: 'converge', wait: true })
          throw outcome.error
        }
        return present(updated, outcome.check)
      })
    },

    revertTrigger({ automationId }) {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(automationId)
        const saved = automation.trigger.saved
        if (!saved) throw new BackendError('conflict', 'This trigger has never been saved, so there is nothing to revert to.')
        // The saved version did not change while the draft was edited; a run still clears any
        // leftover of an interrupted save (an orphan hook, say).
        const reverted: AutomationRecord = {
          ...automation,
          updatedAt: now().toISOString(),
          trigger: {
            ...automation.trigger,
            draft: { stage: 'configureTrigger', ...structuredClone(saved.config) },
            draftRestoredFrom: null,
          },
        }
        await storage.putAutomation(reverted)
        return present(reverted, await reconcileQuietly(automation.trigger.id))
      })
    },

    async listTriggerVersions({ automationId, before }) {
      const automation = await requireAutomation(automationId)
      // One more than a page tells whether an older page exists.
      const rows = await storage.listTriggerVersions(automation.trigger.id, { before, limit: VERSIONS_PAGE_SIZE + 1 })
      const versions = rows.slice(0, VERSIONS_PAGE_SIZE).map(toSavedTrigger)
      const oldest = versions[versions.length - 1]
      return { versions, nextBefore: rows.length > VERSIONS_PAGE_SIZE && oldest ? oldest.version : null }
    },

    async getTriggerVersion({ automationId, version }) {
      const automation = await requireAutomation(automationId)
      return toSavedTrigger(await requireVersion(automation, version))
    },

    async diffTriggerVersions({ automationId, from, to }) {
      const automation = await requireAutomation(automationId)
      const configOf = async (ref: VersionRef): Promise<DiffableConfig> =>
        ref === 'draft' ? automation.trigger.draft : (await requireVersion(automation, ref)).config
      const automations = await storage.listAutomations()
      const accounts = (await storage.listAccounts()).map((record) => toAccount(record, automations))
      return { from, to, diff: diffTriggerConfigs(await configOf(from), await configOf(to), accounts) }
    },

    restoreTriggerVersion({ automationId, version }) {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(automationId)
        const restored = await requireVersion(automation, version)
        const { trigger } = automation
        return putAutomation({
          ...automation,
          updatedAt: now().toISOString(),
          trigger: {
            ...trigger,
            draft: { stage: 'configureTrigger', ...structuredClone(restored.config) },
            // Restoring the version in effect is a revert: saving it again restores nothing.
            draftRestoredFrom: restored.version === trigger.saved?.version ? null : restored.version,
          },
        })
      })
    },

    async getTriggerHealth({ automationId }) {
      const automation = await requireAutomation(automationId)
      // Busy means another run is looking right now; its last check is as fresh.
      const outcome = automation.trigger.saved
        ? await reconciler.reconcileTrigger(automation.trigger.id, { mode: 'observe', wait: false })
        : null
      const health = await healthOf(automation, outcome?.check)
      if (!health) throw new BackendError('conflict', 'This trigger has never been saved, so BigCommerce holds nothing for it yet.')
      return health
    },

    reconcileTrigger({ automationId }) {
      return serialized(`automation:${automationId}`, async () => {
        const automation = await requireAutomation(automationId)
        if (!automation.trigger.saved)
          throw new BackendError('conflict', 'This trigger has never been saved, so there is nothing to register.')
        const outcome = await reconciler.reconcileTrigger(automation.trigger.id, { mode: 'converge', wait: true })
        if (outcome.error) throw outcome.error
        if (outcome.busy) throw new BackendError('conflict', 'Another check of this trigger is still running. Try again in a moment.')
        const health = await healthOf(automation, outcome.check)
        if (!health) throw new BackendError('conflict', 'This trigger has never been saved.')
        return health
      })
    },

    reconcileAll() {
      return reconciler.reconcileAll()
    },

    async listTriggerDeliveries({ automationId, limit = MAX_LISTED_DELIVERIES, ...query }) {
      const automation = await requireAutomation(automationId)
      // Every event's deliveries unless asked, not only the draft's: the UI shows each one's scope.
      const page = await storage.listDeliveryPage(automation.trigger.id, { ...query, limit })
      return { deliveries: page.deliveries.map(toTriggerDelivery), nextCursor: page.nextCursor }
    },

    async getTriggerDelivery({ automationId, deliveryId }) {
      const automation = await requireAutomation(automationId)
      const delivery = await storage.getDelivery(automation.trigger.id, deliveryId)
      if (!delivery) {
        throw new BackendError('not_found', `This trigger has no delivery ${deliveryId}: deliveries are kept ${retentionDays} days.`)
      }
      return toTriggerDelivery(delivery)
    },

    async listenForDelivery({ automationId }, { signal, onReady } = {}) {
      const automation = await requireAutomation(automationId)
      const saved = automation.trigger.saved
      if (!saved) {
        throw new BackendError(
          'conflict',
          'Save the trigger first: only a saved trigger is registered with BigCommerce, so only it receives events.',
        )
      }
      if (!publicUrl) {
        throw new BackendError('conflict', `BigCommerce cannot reach this server, so no event would arrive. ${config.webhookHelp}`)
      }
      signal?.throwIfAborted()
      return new Promise<ListenOutcome>((resolve, reject) => {
        const triggerId = automation.trigger.id
        let settled = false
        const stop = () => {
          unsubscribe()
          clearTimeout(timer)
          signal?.removeEventListener('abort', onAbort)
        }
        const onAbort = () => {
          settled = true
          stop()
          reject(signal?.reason)
        }
        // Storage tells once a delivery is committed, by this process or (PostgreSQL) another one,
        // so what a listener shows is what the log holds; a duplicate is not announced.
        const unsubscribe = storage.watchDeliveries((stored) => {
          if (stored.triggerId !== triggerId || settled) return
          settled = true
          stop()
          storage.getDelivery(triggerId, stored.deliveryId).then((delivery) => {
            // Purged at that very moment: nothing to show, so the wait ends as if timed out.
            resolve(delivery ? { status: 'delivered', delivery: toTriggerDelivery(delivery) } : { status: 'timeout' })
          }, reject)
        })
        const timer = setTimeout(() => {
          settled = true
          stop()
          resolve({ status: 'timeout' })
        }, listenTimeoutMs)
        signal?.addEventListener('abort', onAbort, { once: true })
        onReady?.({ event: saved.config.event, timeoutMs: listenTimeoutMs })
      })
    },

    purgeExpiredDeliveries() {
      return purgeDeliveriesBefore(storage, new Date(now().getTime() - retentionDays * 24 * 3600_000).toISOString())
    },

    async fetchTriggerResource(input) {
      const automation = await requireAutomation(input.automationId)
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

    async receiveDelivery({ triggerId, secretHeader, body, signed }) {
      const target = await storage.getDeliveryTarget(triggerId)
      if (!target) {
        // A 404 would count against our domain's success ratio and be retried for 48 hours
        // (notes §3.4), hurting every other trigger on this domain; see the README.
        const since = new Date(now().getTime() - DELETED_TRIGGER_KEPT_MS).toISOString()
        if (await storage.wasTriggerDeletedSince(triggerId, since)) return { status: 'discarded' }
        throw new BackendError('not_found', 'No trigger listens at this address.')
      }
      let payload: Callback
      let signatureChecked: boolean
      try {
        if (secretHeader === null || !constantTimeEqual(secretHeader, target.secret)) {
          throw new BackendError('unauthorized', `The ${TRIGGER_SECRET_HEADER} header is missing or wrong.`)
        }
        if (target.savedEvent === null) throw new BackendError('not_found', 'This trigger has not been saved, so it takes no deliveries.')

        const { account } = target
        // With the account's Client Secret, a signed delivery must also be signed by BigCommerce,
        // recently: the secret header alone cannot tell a replayed or altered delivery (notes §3.5).
        signatureChecked = account?.clientSecret !== undefined && signed !== undefined
        if (account?.clientSecret !== undefined && signed) {
          const problem = signatureProblem(account.clientSecret, signed.rawBody, signed.headers)
          if (problem) throw new BackendError('unauthorized', problem)
        }

        payload = parseInput(callbackSchema, body)
        if (!account || payload.producer !== producerOf(account.storeHash)) {
          throw new BackendError('validation_failed', 'This delivery comes from a store the trigger does not listen to.', {
            field: 'producer',
          })
        }
        if (payload.scope !== target.savedEvent) {
          throw new BackendError('validation_failed', `This trigger listens to ${target.savedEvent}, not ${payload.scope}.`, {
            field: 'scope',
          })
        }
      } catch (error) {
        // A saved trigger's refusals show in its health: BigCommerce retries each, then gives up on the hook.
        if (error instanceof BackendError && target.savedEvent !== null) await recordRefusal(triggerId, error.message)
        throw error
      }

      const delivery: DeliveryRecord = {
        id: newDeliveryId(),
        triggerId,
        hash: payload.hash,
        receivedAt: now().toISOString(),
        payload,
        duplicates: 0,
        // The log says which check it passed; the secret header is checked on every delivery.
        authenticatedBy: signatureChecked ? 'signature' : 'secret',
      }
      // Storage announces it once committed (watchDeliveries), which is what a listener hears.
      const outcome = await storage.insertDelivery(delivery)
      return { status: outcome === 'inserted' ? 'stored' : 'duplicate' }
    },

    async listDeliveries({ triggerId, limit = DELIVERIES_SEARCHED_BY_TEST }) {
      return storage.listDeliveries(triggerId, limit)
    },
  }
  return service
}
