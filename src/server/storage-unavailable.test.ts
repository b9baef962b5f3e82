// @vitest-environment node
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import postgres from 'postgres'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BackendError } from '../contract/errors'
import { isStorageUnavailable, StorageUnavailableError } from '../core/storage-unavailable'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'storage-unavailable-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** What `work` throws. */
function thrown(work: () => unknown): unknown {
  try {
    work()
  } catch (error) {
    return error
  }
  throw new Error('It did not throw.')
}

/** What `work` rejects with. */
async function failure(work: () => Promise<unknown>): Promise<unknown> {
  return work().then(
    () => {
      throw new Error('It did not fail.')
    },
    (error: unknown) => error,
  )
}

describe('telling a database that cannot answer now from any other failure', () => {
  it('knows the driver failing to reach PostgreSQL, and a pool that was closed', async () => {
    // No server listens on this socket: the connection fails, as while PostgreSQL is stopped.
    const nowhere = postgres({ host: dir, database: 'app', user: 'app', max: 1, backoff: () => 0, connect_timeout: 1 })
    expect(isStorageUnavailable(await failure(() => nowhere`SELECT 1`))).toBe(true)
    await nowhere.end()
    expect(isStorageUnavailable(await failure(() => nowhere`SELECT 1`))).toBe(true)
  })

  it("knows PostgreSQL's words for shutting down, starting up, too many connections, a cancelled statement and a deadlock", () => {
    // As postgres.js hands on the server's ErrorResponse: a PostgresError with its SQLSTATE as `code`.
    const said = (code: string) => Object.assign(new Error('from the server'), { name: 'PostgresError', code, severity: 'FATAL' })
    const notNow = ['57P01', '57P03', '53300', '53100', '08006', '57014', '40P01', '40001', '55P03']
    // A constraint broken, a value it cannot hold, a bug in a query: answered 500, and logged.
    const wrong = ['23505', '22P02', '42601', 'XX000']
    expect([...notNow, ...wrong].filter((code) => isStorageUnavailable(said(code)))).toEqual(notNow)
  })

  it('knows SQLite locked past its busy timeout, and not a constraint', () => {
    const file = path.join(dir, 'app.db')
    const holder = new Database(file)
    const other = new Database(file, { timeout: 0 })
    try {
      holder.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)')
      holder.exec('BEGIN IMMEDIATE')
      const busy = thrown(() => other.exec('INSERT INTO t (id) VALUES (1)'))
      expect(busy).toMatchObject({ code: 'SQLITE_BUSY' })
      expect(isStorageUnavailable(busy)).toBe(true)
      holder.exec('INSERT INTO t (id) VALUES (1)')
      expect(isStorageUnavailable(thrown(() => holder.exec('INSERT INTO t (id) VALUES (1)')))).toBe(false)
    } finally {
      holder.close()
      other.close()
    }
  })

  it('knows a deadline missed, and not a missing file, a plain error or one of ours', () => {
    expect(isStorageUnavailable(new StorageUnavailableError('The database did not answer within 1000 ms.'))).toBe(true)
    const missing = thrown(() => readFileSync(path.join(dir, 'no-such-file')))
    expect(missing).toMatchObject({ code: 'ENOENT' })
    expect(isStorageUnavailable(missing)).toBe(false)
    expect(isStorageUnavailable(new Error('connect ECONNREFUSED'))).toBe(false)
    expect(isStorageUnavailable(new BackendError('upstream_error', 'BigCommerce did not answer.'))).toBe(false)
    expect(isStorageUnavailable('ECONNREFUSED')).toBe(false)
  })
})
