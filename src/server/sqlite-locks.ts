import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type Database from 'better-sqlite3'
import * as z from 'zod/mini'

/**
 * This process, as a lock row names it: its machine, its process id, and an id of its own, since
 * a restarted process may get the same process id as the one that died (pid 1 in a container).
 */
const THIS_PROCESS = { host: os.hostname(), pid: process.pid, process: randomUUID() }

const lockRowSchema = z.object({
  holder: z.string(),
  expires_at: z.string(),
  host: z.nullable(z.string()),
  pid: z.nullable(z.number()),
  process: z.nullable(z.string()),
})

/** Whether a process with this id runs on this machine (signal 0 only asks; EPERM: it runs, as another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}

/**
 * Whether the process that holds a lock is gone, as far as this machine can tell: it ran here,
 * and its process id is not running any more, or is this process's own under another id (an
 * earlier life of it). A holder on another machine sharing the file, or from before locks named
 * their holder, can only be waited out until its lock expires.
 */
function holderIsGone(row: z.infer<typeof lockRowSchema>): boolean {
  if (row.host !== THIS_PROCESS.host || row.pid === null) return false
  if (row.pid === THIS_PROCESS.pid) return row.process !== THIS_PROCESS.process
  return !processRuns(row.pid)
}

/**
 * The reconciler's locks in the SQLite file, which several processes on one machine may share: a
 * row per held lock, naming its holder's machine and process. A lock whose process is gone (a
 * kill -9 mid-save) is taken over at once, so the restarted process converges at start-up
 * instead of waiting out the expiry (15 s after the last renewal: 14 s of the app naming a hook
 * BigCommerce did not hold). The expiry remains for what cannot be checked: another machine, or
 * a dead holder's process id taken since by another program.
 */
export function createSqliteLocks(db: Database.Database) {
  const read = db.prepare('SELECT holder, expires_at, host, pid, process FROM locks WHERE name = ?')
  const write = db.prepare(`
    INSERT INTO locks (name, holder, expires_at, host, pid, process) VALUES (@name, @holder, @expires_at, @host, @pid, @process)
    ON CONFLICT (name) DO UPDATE SET
      holder = excluded.holder, expires_at = excluded.expires_at, host = excluded.host, pid = excluded.pid, process = excluded.process`)
  const remove = db.prepare('DELETE FROM locks WHERE name = ? AND holder = ?')
  // Read and written in one IMMEDIATE transaction, so two processes cannot both see it free.
  const take = db.transaction((name: string, holder: string, now: string, expiresAt: string): boolean => {
    const found: unknown = read.get(name)
    const row = found === undefined ? undefined : lockRowSchema.parse(found)
    if (row && row.holder !== holder && row.expires_at > now && !holderIsGone(row)) return false
    write.run({ name, holder, expires_at: expiresAt, ...THIS_PROCESS })
    return true
  })
  return {
    tryLock: (name: string, holder: string, now: string, expiresAt: string): boolean => take.immediate(name, holder, now, expiresAt),
    unlock: (name: string, holder: string): void => {
      remove.run(name, holder)
    },
  }
}
