import postgres from 'postgres'
import * as z from 'zod/mini'

/** Any number: the reconciler's advisory locks are keyed (this, hashtext(name)), apart from the migration's single key. */
const LOCK_SPACE = 7_164_002

const lockedSchema = z.object({ locked: z.boolean() })

/**
 * The reconciler's locks on PostgreSQL: session-level advisory locks, on a connection of their own.
 * A lock lives as long as the session that took it, so it goes the moment its holder's process
 * dies (kill -9 closes the socket; the server ends the session and frees its locks), and it is
 * never taken from a live holder however long it works. A lease (a row with an expiry, renewed
 * by a heartbeat) was the alternative: it passes on only when the expiry comes, so after a crash
 * the restarted process waits that long (the row's 15 s made the app and BigCommerce disagree
 * for 14 s after a kill -9), and a holder stalled longer than the expiry loses its lock while
 * it still works; it also trusts every instance's clock. The cost here is one connection per
 * instance, kept open (no max_lifetime, which would end the session and with it the locks).
 * A host that vanishes without closing its socket is noticed by the server's TCP keepalives,
 * set short below, within about 20 s.
 *
 * Advisory locks are reentrant within a session, so this process's own holders are told apart
 * here: one holder per name at a time, as across processes. `ping` (/readyz) runs on the same
 * connection, apart from the pool: a busy pool is no reason to take the instance out, and when
 * the database is down this connection fails at once where a pool's call would queue.
 */
export function createPostgresLocks(url: string) {
  const session = postgres(url, {
    max: 1,
    max_lifetime: null,
    connect_timeout: 2,
    backoff: () => 0.25,
    onnotice: () => undefined,
    connection: { tcp_keepalives_idle: 10, tcp_keepalives_interval: 3, tcp_keepalives_count: 3 },
  })
  /**
   * The holder of each lock this process holds, and the server process (its session) holding it:
   * null while it is being asked for, so a second holder here is refused rather than let in by
   * the session's reentrance.
   */
  const held = new Map<string, { holder: string; sessionPid: number | null }>()
  const pidSchema = z.object({ pid: z.number() })
  let pinging: Promise<void> | null = null

  async function take(name: string): Promise<number | null> {
    const [row] = await session`SELECT pg_try_advisory_lock(${LOCK_SPACE}, hashtext(${name})) AS locked, pg_backend_pid() AS pid`
    return lockedSchema.parse(row).locked ? pidSchema.parse(row).pid : null
  }

  return {
    async tryLock(name: string, holder: string): Promise<boolean> {
      const mine = held.get(name)
      if (mine && mine.holder !== holder) return false
      if (mine) {
        // A renewal: the lock is still ours while the session that took it lives. A new session
        // (the connection was lost, the database restarted) holds nothing: take it again if free.
        const [row] = await session`SELECT pg_backend_pid() AS pid`
        if (pidSchema.parse(row).pid === mine.sessionPid) return true
      } else held.set(name, { holder, sessionPid: null })
      let sessionPid: number | null = null
      try {
        sessionPid = await take(name)
      } finally {
        if (sessionPid === null) held.delete(name)
        else held.set(name, { holder, sessionPid })
      }
      return sessionPid !== null
    },
    async unlock(name: string, holder: string): Promise<void> {
      if (held.get(name)?.holder !== holder) return
      held.delete(name)
      // On a session that is not the one that took it (lost meanwhile), this frees nothing.
      await session`SELECT pg_advisory_unlock(${LOCK_SPACE}, hashtext(${name}))`
    },
    /** One ping at a time, shared by whoever asks meanwhile: while the database is down, pings queued one behind another waited for one reconnection each. */
    ping(): Promise<void> {
      pinging ??= session`SELECT 1`
        .then(() => undefined)
        .finally(() => {
          pinging = null
        })
      return pinging
    },
    close: () => session.end({ timeout: 5 }),
  }
}
