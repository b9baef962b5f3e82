import { StorageUnavailableError } from '../core/storage-unavailable'

/**
 * How long an API request's database call (a read or a write, the reconciler's too) may take
 * before the request is answered 503 `storage_unavailable`, whether the database is down,
 * unreachable or too slow. A call cut off is not undone: a write may still commit after its
 * 503 (see the README).
 */
export const STORAGE_DEADLINE_MS = 1000

/**
 * A delivery makes at most two calls, the trigger's lookup (when the receiver's cache misses)
 * and its commit (counted from its arrival at the group commit), so it is answered within 2 s,
 * stored or refused: BigCommerce's client gives up on a slower answer, and counts it, as it
 * counts a 503, against the domain. The commit gets the larger share: under a burst of healthy
 * load it is the call that waits (behind the write before it), and a 503 then is a failure
 * that need not have been. The lookup is one indexed row, shared by the deliveries that miss
 * the cache together.
 */
export const DELIVERY_LOOKUP_DEADLINE_MS = 750
export const DELIVERY_COMMIT_DEADLINE_MS = 1250

/**
 * /readyz's ping, on a connection of its own: `SELECT 1` takes a millisecond there, and /readyz
 * must answer 503 within 1 s while the database does not answer, on a busy machine too (where
 * a 500 ms deadline was answered after 1.03 s).
 */
export const READY_DEADLINE_MS = 300

/** `work`, or a StorageUnavailableError once `ms` pass without its answer. */
export function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StorageUnavailableError(`The database did not answer ${what} within ${ms} ms.`)), ms)
  })
  // The call goes on; a rejection it meets after the deadline has no one to tell.
  work.catch(() => undefined)
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}

/**
 * `storage` with every asynchronous method held to `ms` by `withinDeadline`, except those named in
 * `own`, which keep a deadline of their own (a delivery's commit) or need none.
 */
export function withDeadlines<S extends object>(storage: S, ms: number, own: readonly (keyof S & string)[]): S {
  const keepOwn = new Set<string>(own)
  const held = Object.entries(storage).map(([name, method]: [string, unknown]) => {
    if (typeof method !== 'function' || keepOwn.has(name)) return [name, method]
    const call = (...args: unknown[]): unknown => {
      const answer: unknown = method.apply(storage, args)
      return answer instanceof Promise ? withinDeadline(answer, ms, name) : answer
    }
    return [name, call]
  })
  // The same methods under the same names: only their answers are held to the deadline.
  return Object.fromEntries(held) as S
}
