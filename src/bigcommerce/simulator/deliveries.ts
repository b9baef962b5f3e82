import { Webhook } from 'standardwebhooks'
import { callbackHash } from '../../contract/events'
import { epochSeconds } from './route-context'
import type { StoreEvent } from './store-basics'
import type { HookRecord, StoreState } from './store-state'

/**
 * The delivery queue: each event goes to the store's active hooks whose scope matches, in the
 * documented envelope, signed with the API account's client secret when it has one, and held
 * back while the hook's domain is blocklisted for that account (docs/bigcommerce-api-notes.md §3.1, §3.4, §3.5).
 */

export type DeliveryAttempt = {
  id: number
  hookId: number
  scope: string
  /** The hook's destination, as registered. */
  destination: string
  /** Where it was sent after `rewriteDestination`. */
  url: string
  headers: Record<string, string>
  body: string
  /** The receiver's status, or null when it could not be reached. */
  status: number | null
  error: string | null
  at: string
}

export type DeliveryOptions = {
  send: (url: string, init: RequestInit) => Promise<Response>
  rewrite: (destination: string) => string
  now: () => Date
  randomId: () => string
}

export type Deliveries = {
  /** Every attempt so far, oldest first (a live array). */
  log: DeliveryAttempt[]
  raise(store: StoreState, events: readonly StoreEvent[]): void
  /** Lifts expired blocks and sends what no block holds back any more. */
  release(store: StoreState): void
  /** Resolves when every delivery started so far has finished. */
  settled(): Promise<void>
  reset(): void
}

export function createDeliveries(options: DeliveryOptions): Deliveries {
  const log: DeliveryAttempt[] = []
  const pending = new Set<Promise<void>>()
  /** Events a blocklisted domain did not get yet: BigCommerce queues them for retry. */
  let held: { storeHash: string; hookId: number; event: StoreEvent }[] = []
  // Deliveries go out one at a time, in the order the events happened. BigCommerce promises no
  // order, but concurrent sends finish in a different order on every run (the SHA-1 digest alone
  // runs on a thread pool), which made the delivery log, and tests reading it, flaky.
  let lastDelivery: Promise<void> = Promise.resolve()

  function enqueue(store: StoreState, hook: HookRecord, event: StoreEvent) {
    const delivery = lastDelivery.then(() => deliverOnce(store, hook, event))
    lastDelivery = delivery.catch(() => {})
    pending.add(delivery)
    void delivery.finally(() => pending.delete(delivery))
  }

  function isBlocked(store: StoreState, hook: HookRecord): boolean {
    const host = hostOf(hook.destination)
    return store.blockedDomains.some((block) => block.clientId === hook.client_id && block.domain === host)
  }

  function release(store: StoreState) {
    const nowSeconds = epochSeconds(options.now())
    store.blockedDomains = store.blockedDomains.filter((block) => block.until > nowSeconds)
    const waiting = held
    held = []
    for (const entry of waiting) {
      const hook = entry.storeHash === store.hash ? store.hooks.find((candidate) => candidate.id === entry.hookId) : undefined
      if (entry.storeHash !== store.hash) held.push(entry)
      else if (hook?.is_active && isBlocked(store, hook)) held.push(entry)
      else if (hook?.is_active) enqueue(store, hook, entry.event)
    }
  }

  async function deliverOnce(store: StoreState, hook: HookRecord, event: StoreEvent) {
    const at = options.now()
    const body = JSON.stringify({
      scope: event.scope,
      store_id: store.storeId,
      data: event.data,
      hash: await callbackHash(event.data),
      created_at: epochSeconds(at),
      producer: `stores/${store.hash}`,
    })
    const clientSecret = store.accounts.find((account) => account.clientId === hook.client_id)?.clientSecret
    const headers = {
      ...(hook.headers ?? {}),
      'Content-Type': 'application/json',
      ...(clientSecret ? signatureHeaders(clientSecret, options.randomId(), at, body) : {}),
    }
    const attempt: DeliveryAttempt = {
      id: log.length + 1,
      hookId: hook.id,
      scope: event.scope,
      destination: hook.destination,
      url: options.rewrite(hook.destination),
      headers,
      body,
      status: null,
      error: null,
      at: at.toISOString(),
    }
    log.push(attempt)
    try {
      // 3xx counts as a failure on BigCommerce (docs/bigcommerce-api-notes.md §3.3), so redirects are not followed.
      const response = await options.send(attempt.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      })
      attempt.status = response.status
      await response.body?.cancel()
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error)
    }
  }

  return {
    log,
    raise(store, events) {
      release(store)
      for (const event of events) {
        for (const hook of store.hooks) {
          if (!hook.is_active || !scopeMatches(hook.scope, event.scope)) continue
          if (isBlocked(store, hook)) held.push({ storeHash: store.hash, hookId: hook.id, event })
          else enqueue(store, hook, event)
        }
      }
    },
    release,
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending])
    },
    reset() {
      log.length = 0
      held = []
    },
  }
}

/**
 * Standard Webhooks headers (docs/bigcommerce-api-notes.md §3.5). BigCommerce's own sample verifies with
 * `new Webhook(base64(CLIENT_SECRET))`, so the key is the client secret's bytes.
 */
function signatureHeaders(clientSecret: string, id: string, at: Date, body: string): Record<string, string> {
  const key = btoa(String.fromCharCode(...new TextEncoder().encode(clientSecret)))
  return {
    'webhook-id': id,
    'webhook-timestamp': String(epochSeconds(at)),
    'webhook-signature': new Webhook(key).sign(id, at, body),
  }
}

/** The host a destination is on, lowercased; blocklisting is per domain (docs/bigcommerce-api-notes.md §3.4). */
export function hostOf(destination: string): string {
  try {
    return new URL(destination).hostname.toLowerCase()
  } catch {
    return destination.toLowerCase()
  }
}

/** A hook on `store/product/*` gets `store/product/created`, and so on. */
function scopeMatches(hookScope: string, eventScope: string): boolean {
  return hookScope === eventScope || (hookScope.endsWith('/*') && eventScope.startsWith(hookScope.slice(0, -1)))
}
