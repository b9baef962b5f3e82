import type { ReadArea } from '../contract/accounts'
import { BackendError } from '../contract/errors'
import { eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import { eventDefinition } from '../connectors/bigcommerce'
import type { BlockedDomain, Hook, HookInput, StoreCredentials, StorePlatform } from './ports'
import { eventRecordOf } from './event-record'

/**
 * A `StorePlatform` for tests: two stores (`abc123` / `token-abc1` and `xyz789` / `token-xyz9`)
 * holding hooks as BigCommerce does (each API account, that is token, sees only its own), records
 * to fetch by delivery, a log of calls and one-shot failures to arm. It answers as the real client
 * does: store-platform-contract.test.ts runs the same tests against both.
 */
export type PlatformMethod =
  | 'verifyCredentials'
  | 'canRead'
  | 'createHook'
  | 'updateHook'
  | 'deleteHook'
  | 'listHooksAt'
  | 'blockedDomains'
  | 'latestEventData'
  | 'fetchEventRecord'

/**
 * Tests set a record by the `data` of a delivery, whatever the store; the platform is asked by
 * event. Both meet at the event's record, so the fake finds only what the real client would.
 */
function resourceKey(data: Callback['data']): string {
  // `data.type` is the scope's middle word (docs/bigcommerce-api-notes.md §3.2).
  const scope = eventScopeSchema.options.find((candidate) => candidate.startsWith(`store/${data.type}/`)) ?? data.type
  return eventRecordOf({ scope, data }).subject
}

/** BigCommerce answers `headers: null` for a hook without any (docs/bigcommerce-api-notes.md §1.4). */
function headersOf(input: HookInput): Record<string, string> | null {
  return Object.keys(input.headers).length > 0 ? { ...input.headers } : null
}

export function fakePlatform() {
  /** Per store, its API accounts' tokens; the first is the one tests mostly use. */
  const tokens = new Map<string, string[]>([
    ['abc123', ['token-abc1']],
    ['xyz789', ['token-xyz9']],
  ])
  const storeIds = new Map<string, string | null>([
    ['abc123', '555'],
    ['xyz789', null],
  ])
  /** Per API account (`{hash}:{token}`): BigCommerce shows a token only its own account's hooks. */
  const hooks = new Map<string, Hook[]>()
  const clientKey = (storeHash: string, token: string) => `${storeHash}:${token}`
  const storeHooks = (storeHash: string) => (tokens.get(storeHash) ?? []).flatMap((token) => hooks.get(clientKey(storeHash, token)) ?? [])
  /** Per token, the areas its API account lacks the read scope of; `information` is the store's details (`GET /v2/store`). */
  const unreadable = new Map<string, Set<ReadArea | 'information'>>()
  const latest = new Map<string, Awaited<ReturnType<StorePlatform['latestEventData']>>>()
  const resources = new Map<string, Record<string, unknown>>()
  const failures = new Map<PlatformMethod, BackendError>()
  const calls: { method: PlatformMethod; storeHash: string }[] = []
  const blocked = new Map<string, BlockedDomain[]>()
  /** A call that never answers, as when the process dies mid-call; `applied`: BigCommerce acted on it. */
  const hangs = new Map<PlatformMethod, { applied: boolean; reached: () => void }>()
  let nextId = 100

  const never = new Promise<never>(() => {})
  /** Runs `work` (the call's effect at BigCommerce) unless an armed hang says the call never got there. */
  async function effect<T>(method: PlatformMethod, work: () => T): Promise<T> {
    const hang = hangs.get(method)
    if (!hang) return work()
    hangs.delete(method)
    if (hang.applied) work()
    hang.reached()
    return never
  }

  function enter(method: PlatformMethod, credentials: StoreCredentials): Hook[] {
    calls.push({ method, storeHash: credentials.storeHash })
    const failure = failures.get(method)
    if (failure) {
      failures.delete(method)
      throw failure
    }
    if (!tokens.get(credentials.storeHash)?.includes(credentials.accessToken)) {
      throw new BackendError('invalid_credentials', 'The Store Hash and Access Token do not match.', { field: 'accessToken' })
    }
    const key = clientKey(credentials.storeHash, credentials.accessToken)
    const list = hooks.get(key) ?? []
    hooks.set(key, list)
    return list
  }

  const canRead = (credentials: StoreCredentials, area: ReadArea | 'information') => !unreadable.get(credentials.accessToken)?.has(area)
  /** BigCommerce answers 403 to a token without the read scope of the event's records. */
  function mayRead(credentials: StoreCredentials, scope: EventScope) {
    const { readArea, readScope } = eventDefinition(scope)
    if (!canRead(credentials, readArea)) {
      throw new BackendError(
        'missing_scope',
        `The Access Token for store ${credentials.storeHash} lacks the OAuth scope “${readScope.label}”.`,
      )
    }
  }

  const platform: StorePlatform = {
    async verifyCredentials(credentials) {
      enter('verifyCredentials', credentials)
      // Without Information & Settings, `GET /v2/store` is refused: the hash is the name, the id unknown.
      if (!canRead(credentials, 'information')) return { storeName: credentials.storeHash, storeId: null }
      return { storeName: `Store ${credentials.storeHash}`, storeId: storeIds.get(credentials.storeHash) ?? null }
    },
    async canRead(credentials, area) {
      enter('canRead', credentials)
      return canRead(credentials, area)
    },
    async createHook(credentials, input: HookInput) {
      const list = enter('createHook', credentials)
      return effect('createHook', () => {
        // One hook per API account, scope and destination; the one there stays as it is (ports.ts).
        if (list.some((hook) => hook.scope === input.scope && hook.destination === input.destination)) {
          throw new BackendError('validation_failed', 'A webhook with this scope and destination already exists.')
        }
        const hook: Hook = { id: nextId++, scope: input.scope, destination: input.destination, headers: headersOf(input), is_active: true }
        list.push(hook)
        return structuredClone(hook)
      })
    },
    async updateHook(credentials, hookId, input) {
      const hook = enter('updateHook', credentials).find((candidate) => candidate.id === hookId)
      if (!hook) throw new BackendError('not_found', 'No such hook.')
      return effect('updateHook', () => {
        Object.assign(hook, { scope: input.scope, destination: input.destination, headers: headersOf(input), is_active: true })
        return structuredClone(hook)
      })
    },
    async deleteHook(credentials, hookId) {
      const list = enter('deleteHook', credentials)
      await effect('deleteHook', () => {
        const index = list.findIndex((candidate) => candidate.id === hookId)
        if (index !== -1) list.splice(index, 1)
      })
    },
    async listHooksAt(credentials, destination) {
      const list = enter('listHooksAt', credentials)
      return effect('listHooksAt', () => structuredClone(list.filter((hook) => hook.destination === destination)))
    },
    async blockedDomains(credentials) {
      enter('blockedDomains', credentials)
      return structuredClone(blocked.get(credentials.storeHash) ?? [])
    },
    async latestEventData(credentials, scope) {
      enter('latestEventData', credentials)
      mayRead(credentials, scope)
      return latest.get(scope) ?? null
    },
    async fetchEventRecord(credentials, event) {
      enter('fetchEventRecord', credentials)
      mayRead(credentials, event.scope)
      const record = resources.get(event.subject)
      // The client's own words for a 404, so the core's rewording is what tests see. Its request
      // is named by the record, since paths are the real client's (tested in client.test.ts).
      if (!record) throw new BackendError('not_found', `Store ${credentials.storeHash} has no ${event.subject}.`)
      return { record: structuredClone(record), request: `GET ${event.subject}` }
    },
  }

  return {
    platform,
    /** Every API account's hooks in the store. */
    hooksOf: (storeHash: string) => structuredClone(storeHooks(storeHash)),
    /** Another API account of the store, with its own token (and its own hooks). */
    addToken: (storeHash: string, token: string) => tokens.set(storeHash, [...(tokens.get(storeHash) ?? []), token]),
    /** Deletes the API account behind `token`, and its hooks with it (docs/bigcommerce-api-notes.md §1.1). */
    revokeToken: (storeHash: string, token: string) => {
      tokens.set(
        storeHash,
        (tokens.get(storeHash) ?? []).filter((candidate) => candidate !== token),
      )
      hooks.delete(clientKey(storeHash, token))
    },
    setStoreId: (storeHash: string, storeId: string | null) => storeIds.set(storeHash, storeId),
    /** The token's API account lacks these areas' read scopes (`information`: Information & Settings). */
    setUnreadable: (token: string, areas: (ReadArea | 'information')[]) => unreadable.set(token, new Set(areas)),
    failNext: (method: PlatformMethod, error: BackendError) => failures.set(method, error),
    setLatest: (scope: EventScope, value: { data: { type: string; id: number | string }; createdAt: number }) => latest.set(scope, value),
    setResource: (data: Callback['data'], record: Record<string, unknown>) => resources.set(resourceKey(data), record),
    calls,
    /** BigCommerce switches a hook off, as after 48 h of failed deliveries. */
    deactivate: (storeHash: string, hookId: number) => {
      const hook = storeHooks(storeHash).find((candidate) => candidate.id === hookId)
      if (hook) hook.is_active = false
    },
    /** A hook made at BigCommerce behind the app's back (by hand, or by a process that then died). */
    addHook: (storeHash: string, hook: Omit<Hook, 'id'>, token = tokens.get(storeHash)?.[0] ?? '') => {
      const created = { ...hook, id: nextId++ }
      const key = clientKey(storeHash, token)
      hooks.set(key, [...(hooks.get(key) ?? []), created])
      return created.id
    },
    block: (storeHash: string, domains: BlockedDomain[]) => blocked.set(storeHash, domains),
    /**
     * The next call to `method` never answers, like one cut off by `kill -9`; with `applied`,
     * BigCommerce has done it all the same. Resolves once the call is under way.
     */
    hangNext: (method: PlatformMethod, options: { applied: boolean }) =>
      new Promise<void>((reached) => hangs.set(method, { ...options, reached })),
    callsTo: (...methods: PlatformMethod[]) => calls.filter((call) => methods.includes(call.method)).length,
  }
}
