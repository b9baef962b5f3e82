/**
 * The database could not answer now (down, unreachable, too slow, out of room or connections):
 * a 503 `storage_unavailable` with Retry-After, which BigCommerce and the UI retry, never a 500.
 * Storage adapters throw their drivers' own errors, so they are told apart here, by their codes,
 * once for every call site (the API's error answer asks `isStorageUnavailable`).
 */
export class StorageUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StorageUnavailableError'
  }
}

/** Node's words for a connection refused, cut or never made (to PostgreSQL here, on TCP or a socket). */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'])

/** postgres.js's own, for a connection that closed, ended or did not open in time. */
const DRIVER_ERRORS = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT'])

/**
 * PostgreSQL's SQLSTATEs that say "not now" rather than "wrong": a lost connection (class 08), too
 * few resources (53: disk full, out of memory, too many connections), a system error (58), the
 * server shutting down or starting up (57P01-57P03), a statement cancelled at its deadline
 * (57014), a lock not to be had (55P03), a deadlock or serialization failure past its retry.
 */
const POSTGRES_STATES = /^(?:08...|53...|58...|57P0[123]|57014|55P03|40001|40P01)$/

/** SQLite's: the file locked past the busy timeout, the disk full, an I/O error. */
const SQLITE_ERRORS = /^SQLITE_(?:BUSY|LOCKED|FULL|IOERR)/

export function isStorageUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') return false
  const { code } = error
  // A socket that never connected: refused, no such socket file, no route, a name not found.
  const syscall = 'syscall' in error ? error.syscall : undefined
  if (syscall === 'connect' || syscall === 'getaddrinfo') return true
  return CONNECTION_ERRORS.has(code) || DRIVER_ERRORS.has(code) || POSTGRES_STATES.test(code) || SQLITE_ERRORS.test(code)
}
