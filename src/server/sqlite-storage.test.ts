// @vitest-environment node
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { purgeDeliveriesBefore } from '../core/delivery-retention'
import { migrate, migrations } from './sqlite-migrations'
import { createSqliteStorage, openDatabase, type SqliteStorage } from './sqlite-storage'
import { account, automation, delivery, describeStorageContract, TOKEN } from './storage-contract'
import { createTokenCipher } from './token-cipher'

let dir: string
let file: string
const key = randomBytes(32)
const open = (cipherKey: Buffer = key): SqliteStorage => createSqliteStorage({ file, cipher: createTokenCipher(cipherKey) })

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'sqlite-storage-'))
  file = path.join(dir, 'app.db')
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describeStorageContract('SQLite', { open: async () => open() })

describe('createSqliteStorage', () => {
  it('refuses the whole batch as storage_unavailable when the file is locked, and stores none of it', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    const other = new Database(file)
    other.exec('BEGIN IMMEDIATE')
    try {
      const outcomes = await Promise.allSettled([
        storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z')),
        storage.insertDelivery(delivery('d2', 'h2', '2026-01-01T00:00:01.000Z')),
      ])
      for (const outcome of outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'storage_unavailable' } })
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect(await storage.listDeliveries('trg_1', 10)).toEqual([])
    await storage.close()
  }, 15_000)

  it('writes queued deliveries on close, so their requests are answered as stored', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    const pending = storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    await storage.close()
    expect(await pending).toBe('inserted')
    const reopened = open()
    expect(await reopened.listDeliveries('trg_1', 10)).toHaveLength(1)
    await reopened.close()
  })

  it('keeps everything across a close and reopen', async () => {
    const first = open()
    await first.putAccount(account)
    await first.putAutomation(automation)
    await first.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    await first.close()

    const second = open()
    expect(await second.listAccounts()).toEqual([account])
    expect(await second.listAutomations()).toEqual([automation])
    expect(await second.listDeliveries('trg_1', 10)).toHaveLength(1)
    expect(await second.insertDelivery(delivery('d2', 'h1', '2026-01-01T00:00:02.000Z'))).toBe('duplicate')
    await second.close()
  })

  it('sees its own changes to a trigger at once, and another process’s within a second', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    try {
      const storage = open()
      await storage.putAutomation(automation)
      expect((await storage.getDeliveryTarget('trg_1'))?.savedEvent).toBe('store/order/created')
      const saved = automation.trigger.saved
      if (!saved) throw new Error('The fixture is saved.')
      const productTrigger = { ...saved, config: { ...saved.config, event: 'store/product/created' as const } }
      await storage.putAutomation({ ...automation, trigger: { ...automation.trigger, saved: productTrigger } })
      expect((await storage.getDeliveryTarget('trg_1'))?.savedEvent).toBe('store/product/created')

      const otherProcess = new Database(file)
      otherProcess
        .prepare(`UPDATE automations SET trigger_json = json_set(trigger_json, '$.saved.config.event', 'store/customer/created')`)
        .run()
      otherProcess.close()
      vi.advanceTimersByTime(999)
      expect((await storage.getDeliveryTarget('trg_1'))?.savedEvent).toBe('store/product/created')
      vi.advanceTimersByTime(1)
      expect((await storage.getDeliveryTarget('trg_1'))?.savedEvent).toBe('store/customer/created')
      await storage.close()
    } finally {
      vi.useRealTimers()
    }
  })

  it('never writes the access token in plain text', async () => {
    const storage = open()
    await storage.putAccount(account)
    await storage.close()

    const bytes = readdirSync(dir)
      .map((name) => readFileSync(path.join(dir, name)))
      .reduce((all, next) => Buffer.concat([all, next]), Buffer.alloc(0))
    expect(bytes.includes(Buffer.from(TOKEN))).toBe(false)

    const raw = new Database(file, { readonly: true })
    const row = raw.prepare('SELECT access_token_sealed FROM accounts').get()
    raw.close()
    expect(JSON.stringify(row)).not.toContain(TOKEN)
    expect(JSON.stringify(row)).toMatch(/v1:[^:]+:[^:]+:[^:]+/)
  })

  it('keeps a Client Secret sealed under its own context, never in plain text, and none when not given', async () => {
    const CLIENT_SECRET = 'h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q'
    const storage = open()
    await storage.putAccount({ ...account, clientSecret: CLIENT_SECRET })
    await storage.putAccount({ ...account, id: 'acc_2' })
    expect(await storage.getAccount('acc_1')).toEqual({ ...account, clientSecret: CLIENT_SECRET })
    expect(await storage.getAccount('acc_2')).toEqual({ ...account, id: 'acc_2' })
    await storage.close()

    const bytes = readdirSync(dir)
      .map((name) => readFileSync(path.join(dir, name)))
      .reduce((all, next) => Buffer.concat([all, next]), Buffer.alloc(0))
    expect(bytes.includes(Buffer.from(CLIENT_SECRET))).toBe(false)

    // The token's sealed value in the secret's column does not open as a secret.
    const raw = new Database(file)
    raw.prepare("UPDATE accounts SET client_secret_sealed = access_token_sealed WHERE id = 'acc_1'").run()
    raw.close()
    const swapped = open()
    await expect(swapped.getAccount('acc_1')).rejects.toThrow(/integrity check/)
    await swapped.close()
  })

  it('fails loudly when the key differs or a sealed token was moved to another row', async () => {
    const storage = open()
    await storage.putAccount(account)
    await storage.putAccount({ ...account, id: 'acc_2' })
    await storage.close()

    const wrongKey = open(randomBytes(32))
    await expect(wrongKey.listAccounts()).rejects.toThrow(/integrity check/)
    await wrongKey.close()

    const raw = new Database(file)
    raw
      .prepare("UPDATE accounts SET access_token_sealed = (SELECT access_token_sealed FROM accounts WHERE id = 'acc_2') WHERE id = 'acc_1'")
      .run()
    raw.close()
    const swapped = open()
    await expect(swapped.getAccount('acc_1')).rejects.toThrow(/integrity check/)
    expect((await swapped.getAccount('acc_2'))?.accessToken).toBe(TOKEN)
    await swapped.close()
  })

  it('rejects a corrupt row instead of passing it on', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    await storage.close()
    const raw = new Database(file)
    raw.prepare(`UPDATE automations SET trigger_json = '{"id":"trg_1"}'`).run()
    raw.close()
    const reopened = open()
    await expect(reopened.listAutomations()).rejects.toThrow(/expected/)
    await reopened.close()
  })
})

describe('accounts from before the Accounts page', () => {
  it('are taken as verified when they were added (migration 5)', async () => {
    const db = new Database(file)
    const upTo = migrations.findIndex((sql) => sql.includes('display_name'))
    migrations.slice(0, upTo).forEach((sql) => db.exec(sql))
    db.pragma(`user_version = ${upTo}`)
    db.prepare(
      'INSERT INTO accounts (id, connector, store_hash, store_name, store_id, created_at, access_token_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      account.id,
      account.connector,
      account.storeHash,
      account.storeName,
      account.storeId,
      account.createdAt,
      createTokenCipher(key).seal(TOKEN, account.id),
    )
    db.close()

    const storage = open()
    expect(await storage.getAccount(account.id)).toEqual({
      ...account,
      displayName: null,
      lastVerifiedAt: account.createdAt,
      readScopes: null,
    })
    await storage.close()
  })
})

describe('openDatabase', () => {
  it('syncs every commit to disk, so a delivery answered 200 survives a power cut', () => {
    const db = openDatabase(file)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    // 2 is FULL; NORMAL (1) may lose the last commits of a WAL database on power failure.
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()
  })
})

describe('migrate', () => {
  it('applies each migration once and is idempotent', async () => {
    const db = new Database(file)
    expect(migrate(db)).toBe(migrations.length)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    // A second run must not try to re-create the tables.
    expect(migrate(db)).toBe(migrations.length)
    db.close()

    const storage = open()
    await storage.close()
    const again = new Database(file)
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length)
    again.close()
  })

  it('refuses a database from a newer build', () => {
    const db = new Database(file)
    db.pragma(`user_version = ${migrations.length + 1}`)
    expect(() => migrate(db)).toThrow(/newer than this build/)
    db.close()
  })

  it('moves the saved version and the ten kept before it into trigger_versions (migration 4)', async () => {
    const db = new Database(file)
    for (const migration of migrations.slice(0, 3)) db.exec(migration)
    db.pragma('user_version = 3')
    const { draftRestoredFrom: _draftRestoredFrom, saved, ...trigger } = automation.trigger
    const legacyVersion = (version: number) => {
      const { restoredFrom: _restoredFrom, ...rest } = saved ?? ({} as never)
      return { ...rest, version, savedAt: `2026-01-0${version}T00:00:00.000Z` }
    }
    const insert = db.prepare(
      'INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json) VALUES (?, ?, ?, ?, ?, ?)',
    )
    const legacy = { ...trigger, saved: legacyVersion(3), history: [legacyVersion(2), legacyVersion(1)] }
    insert.run(automation.id, automation.name, automation.createdAt, automation.updatedAt, trigger.id, JSON.stringify(legacy))
    const unsaved = { ...trigger, id: 'trg_2', saved: null, history: [] }
    insert.run('aut_2', 'Unsaved', automation.createdAt, automation.updatedAt, 'trg_2', JSON.stringify(unsaved))
    db.close()

    const storage = open()
    const migrated = await storage.getAutomation(automation.id)
    expect(migrated?.trigger).toEqual({ ...trigger, saved: { ...legacyVersion(3), restoredFrom: null }, draftRestoredFrom: null })
    expect(migrated?.trigger).not.toHaveProperty('history')
    const versions = await storage.listTriggerVersions('trg_1', { limit: 20 })
    expect(versions).toEqual([3, 2, 1].map((version) => ({ ...legacyVersion(version), restoredFrom: null, triggerId: 'trg_1' })))
    expect((await storage.getAutomation('aut_2'))?.trigger).toMatchObject({ saved: null, draftRestoredFrom: null })
    expect(await storage.listTriggerVersions('trg_2', { limit: 20 })).toEqual([])
    await storage.close()
  })
})

describe('what the reconciler keeps', () => {
  it('records where a trigger saved before the reconciler has its hook (migration 2)', async () => {
    const db = new Database(file)
    db.exec(migrations[0] ?? '')
    db.pragma('user_version = 1')
    db.prepare('INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json) VALUES (?, ?, ?, ?, ?, ?)').run(
      automation.id,
      automation.name,
      automation.createdAt,
      automation.updatedAt,
      automation.trigger.id,
      JSON.stringify(automation.trigger),
    )
    db.close()
    const storage = open()
    expect(await storage.listHookLocations()).toEqual([
      { triggerId: 'trg_1', accountId: 'acc_1', destination: 'https://example.com/hooks/bigcommerce/trg_1' },
    ])
    await storage.close()
  })
})

describe('migration 6 (the delivery log)', () => {
  it('keeps deliveries stored before it, as checked by their secret and never sent again', async () => {
    const db = new Database(file)
    const before = migrations.length - 1
    for (const sql of migrations.slice(0, before)) db.exec(sql)
    db.pragma(`user_version = ${before}`)
    db.prepare('INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json) VALUES (?, ?, ?, ?, ?, ?)').run(
      automation.id,
      automation.name,
      automation.createdAt,
      automation.updatedAt,
      automation.trigger.id,
      JSON.stringify(automation.trigger),
    )
    const old = delivery('d1', 'h1', '2026-01-01T00:00:01.000Z')
    db.prepare('INSERT INTO deliveries (id, trigger_id, hash, received_at, payload_json) VALUES (?, ?, ?, ?, ?)').run(
      old.id,
      old.triggerId,
      old.hash,
      old.receivedAt,
      JSON.stringify(old.payload),
    )
    db.close()
    const storage = open()
    expect(await storage.getDelivery('trg_1', 'd1')).toEqual(old)
    await storage.close()
  })

  it('pages with an index range rather than a scan past the earlier pages', () => {
    const db = openDatabase(file)
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM deliveries WHERE trigger_id = 'trg_1' AND (received_at, seq) < ('2026', 5) ORDER BY received_at DESC, seq DESC LIMIT 26`,
      )
      .all()
    db.close()
    expect(JSON.stringify(plan)).toContain('USING INDEX deliveries_by_trigger_newest (trigger_id=? AND received_at<?)')
  })
})

describe('the retention purge on SQLite', () => {
  it('holds the write lock only while a chunk is deleted, so deliveries are written between its chunks', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    const raw = new Database(file)
    const insert = raw.prepare('INSERT INTO deliveries (id, trigger_id, hash, received_at, payload_json) VALUES (?, ?, ?, ?, ?)')
    raw.transaction(() => {
      for (let index = 0; index < 2000; index += 1) {
        insert.run(
          `old${index}`,
          'trg_1',
          `old-h${index}`,
          '2025-01-01T00:00:00.000Z',
          JSON.stringify(delivery('x', `old-h${index}`, '').payload),
        )
      }
    })()
    raw.close()

    // Between two chunks another connection (the writer thread's, say) can write at once: the
    // purge holds the write lock only while a chunk is deleted.
    const other = new Database(file)
    other.pragma('busy_timeout = 0')
    const between = other.prepare('INSERT INTO deliveries (id, trigger_id, hash, received_at, payload_json) VALUES (?, ?, ?, ?, ?)')
    const order: string[] = []
    await purgeDeliveriesBefore(
      {
        purgeDeliveries: async (before, limit) => {
          const purged = await storage.purgeDeliveries(before, limit)
          order.push(`purged ${purged}`)
          const id = `between${order.length}`
          between.run(id, 'trg_1', id, '2026-06-01T00:00:00.000Z', JSON.stringify(delivery(id, id, '').payload))
          order.push('written meanwhile')
          return purged
        },
      },
      '2026-01-01T00:00:00.000Z',
    )
    other.close()
    expect(order).toEqual([...Array.from({ length: 4 }, () => ['purged 500', 'written meanwhile']).flat(), 'purged 0', 'written meanwhile'])
    expect(await storage.listDeliveries('trg_1', 10)).toHaveLength(5)
    await storage.close()
  })
})
