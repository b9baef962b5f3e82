import { StorageUnavailableError } from '../core/storage-unavailable'

/**
 * How long any one database call may take before the request waiting on it is answered 503
 * `storage_unavailable`: the trigger lookup, every API read and write, a delivery's commit
 * (counted from its arrival). A delivery makes at most those two calls, so it is answered within
 * 2 s, stored or refused, whether the database is down, unreachable or too slow: BigCommerce's
 * client gives up on a slower answer and counts it against the domain. A call cut off is not
 * undone: a write may still commit after its 503 (see the README).
 */
export const STORAGE_DEADLINE_MS = 1000

/**
 * /readyz's ping, on a connection of its own: `SELECT 1` takes a millisecond there, and /readyz
 * must answer 503 within 1 s while the database does not answer, on a busy machine too.
 */
export const READY_DEADLINE_MS = 500

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
