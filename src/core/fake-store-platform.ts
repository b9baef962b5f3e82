import { BackendError } from '../contract/errors'
import { eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import type { Hook, HookInput, StoreCredentials, StorePlatform } from './ports'
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
  let nextId = 100

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
      return structuredClone(enter('findHooks', credentials).filter((hook) => hook.scope === filter.scope && hook.destination === filter.destination))
    },
    async createHook(credentials, input: HookInput) {
      const list = enter('createHook', credentials)
      const hook: Hook = { id: nextId++, scope: input.scope, destination: input.destination, headers: { ...input.headers }, is_active: true }
      list.push(hook)
      return structuredClone(hook)
    },
    async updateHook(credentials, hookId, input) {
      const hook = enter('updateHook', credentials).find((candidate) => candidate.id === hookId)
      if (!hook) throw new BackendError('not_found', 'No such hook.')
      Object.assign(hook, { scope: input.scope, destination: input.destination, headers: { ...input.headers }, is_active: true })
      return structuredClone(hook)
    },
    async deleteHook(credentials, hookId) {
      const list = enter('deleteHook', credentials)
      const index = list.findIndex((candidate) => candidate.id === hookId)
      if (index !== -1) list.splice(index, 1)
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
    callsTo: (...methods: PlatformMethod[]) => calls.filter((call) => methods.includes(call.method)).length,
  }
}
