import { BackendError } from '../contract/errors'
import { eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import type { BlockedDomain, Hook, HookInput, StoreCredentials, StorePlatform } from './ports'
import { eventRecordOf } from './event-record'

/**
 * A `StorePlatform` for tests: two stores (`abc123` / `token-abc1` and `xyz789` / `token-xyz9`)
 * holding hooks as BigCommerce does, records to fetch by delivery, a log of calls and one-shot
 * failures to arm.
 */
export type PlatformMethod =
  | 'verifyCredentials'
  | 'findHooks'
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
  // `data.type` is the scope's middle word (notes §3.2).
  const scope = eventScopeSchema.options.find((candidate) => candidate.startsWith(`store/${data.type}/`)) ?? data.type
  return eventRecordOf({ scope, data }).subject
}

export function fakePlatform() {
  const tokens = new Map<string, string>([
    ['abc123', 'token-abc1'],
    ['xyz789', 'token-xyz9'],
  ])
  const hooks = new Map<string, Hook[]>()
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
    if (tokens.get(credentials.storeHash) !== credentials.accessToken) {
      throw new BackendError('invalid_credentials', 'The Store Hash and Access Token do not match.')
    }
    const list = hooks.get(credentials.storeHash) ?? []
    hooks.set(credentials.storeHash, list)
    return list
  }

  const platform: StorePlatform = {
    async verifyCredentials(credentials) {
      enter('verifyCredentials', credentials)
      return { storeName: `Store ${credentials.storeHash}`, storeId: credentials.storeHash === 'abc123' ? '555' : null }
    },
    async findHooks(credentials, filter) {
      return structuredClone(
        enter('findHooks', credentials).filter((hook) => hook.scope === filter.scope && hook.destination === filter.destination),
      )
    },
    async createHook(credentials, input: HookInput) {
      const list = enter('createHook', credentials)
      return effect('createHook', () => {
        if (list.some((hook) => hook.scope === input.scope && hook.destination === input.destination)) {
          throw new BackendError('validation_failed', 'A webhook with this scope and destination already exists.')
        }
        const hook: Hook = {
          id: nextId++,
          scope: input.scope,
          destination: input.destination,
          headers: { ...input.headers },
          is_active: true,
        }
        list.push(hook)
        return structuredClone(hook)
      })
    },
    async updateHook(credentials, hookId, input) {
      const hook = enter('updateHook', credentials).find((candidate) => candidate.id === hookId)
      if (!hook) throw new BackendError('not_found', 'No such hook.')
      return effect('updateHook', () => {
        Object.assign(hook, { scope: input.scope, destination: input.destination, headers: { ...input.headers }, is_active: true })
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
      return latest.get(scope) ?? null
    },
    async fetchEventRecord(credentials, event) {
      enter('fetchEventRecord', credentials)
      const record = resources.get(event.subject)
      // The client's own words for a 404, so the core's rewording is what tests see. Its request
      // is named by the record, since paths are the real client's (tested in client.test.ts).
      if (!record) throw new BackendError('not_found', `Store ${credentials.storeHash} has no ${event.subject}.`)
      return { record: structuredClone(record), request: `GET ${event.subject}` }
    },
  }

  return {
    platform,
    hooksOf: (storeHash: string) => structuredClone(hooks.get(storeHash) ?? []),
    failNext: (method: PlatformMethod, error: BackendError) => failures.set(method, error),
    setLatest: (scope: EventScope, value: { data: { type: string; id: number | string }; createdAt: number }) => latest.set(scope, value),
    setResource: (data: Callback['data'], record: Record<string, unknown>) => resources.set(resourceKey(data), record),
    calls,
    /** BigCommerce switches a hook off, as after 48 h of failed deliveries. */
    deactivate: (storeHash: string, hookId: number) => {
      const hook = hooks.get(storeHash)?.find((candidate) => candidate.id === hookId)
      if (hook) hook.is_active = false
    },
    /** A hook made at BigCommerce behind the app's back (by hand, or by a process that then died). */
    addHook: (storeHash: string, hook: Omit<Hook, 'id'>) => {
      const created = { ...hook, id: nextId++ }
      hooks.set(storeHash, [...(hooks.get(storeHash) ?? []), created])
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
