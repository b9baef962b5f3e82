// @vitest-environment node
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AccountRecord, AutomationRecord, DeliveryRecord } from '../core/record-schemas'
import { describeTriggerVersionStorage } from '../test/trigger-versions-storage-suite'
import { createSqliteStorage, migrate, migrations, openDatabase, type SqliteStorage } from './sqlite-storage'
import { createTokenCipher } from './token-cipher'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz01234'

const account: AccountRecord = {
  id: 'acc_1',
  connector: 'bigcommerce',
  storeHash: 'abc123',
  storeName: 'Demo Store',
  createdAt: '2026-01-01T00:00:00.000Z',
  accessToken: TOKEN,
  storeId: '1025646',
}

const automation: AutomationRecord = {
  id: 'aut_1',
  name: 'New orders',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  trigger: {
    id: 'trg_1',
    secret: 'shh',
    draft: {
      stage: 'test',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: 'acc_1',
      event: 'store/order/created',
      headers: [],
    },
    saved: {
      version: 1,
      savedAt: '2026-01-01T00:00:00.000Z',
      config: {
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: 'acc_1',
        event: 'store/order/created',
        headers: [{ name: 'X-Team', value: 'ops' }],
      },
      webhook: { status: 'registered', hookId: 42, destination: 'https://example.com/hooks/bigcommerce/trg_1', detail: null },
      restoredFrom: null,
    },
    draftRestoredFrom: null,
  },
}

function delivery(id: string, hash: string, receivedAt: string): DeliveryRecord {
  return {
    id,
    triggerId: 'trg_1',
    hash,
    receivedAt,
    payload: {
      scope: 'store/order/created',
      store_id: '1025646',
      data: { type: 'order', id: 250 },
      hash,
      created_at: 1561479335,
      producer: 'stores/abc123',
    },
  }
}

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

describe('createSqliteStorage', () => {
  // Closed after each test, before its directory goes.
  let opened: SqliteStorage[] = []
  afterEach(() => {
    for (const storage of opened) storage.close()
    opened = []
  })
  describeTriggerVersionStorage(() => {
    const storage = open()
    opened.push(storage)
    return storage
  })
})

describe('createSqliteStorage', () => {
  it('round-trips accounts, automations and deliveries', async () => {
    const storage = open()
    await storage.putAccount(account)
    await storage.putAutomation(automation)
    expect(await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))).toBe('inserted')

    expect(await storage.listAccounts()).toEqual([account])
    expect(await storage.getAccount('acc_1')).toEqual(account)
    expect(await storage.getAccount('nope')).toBeUndefined()
    expect(await storage.listAutomations()).toEqual([automation])
    expect(await storage.getAutomation('aut_1')).toEqual(automation)
    expect(await storage.getAutomationByTriggerId('trg_1')).toEqual(automation)
    expect(await storage.getAutomationByTriggerId('nope')).toBeUndefined()
    expect(await storage.listDeliveries('trg_1', 10)).toEqual([delivery('d1', 'h1', '2026-01-01T00:00:01.000Z')])
    storage.close()
  })

  it('updates in place, and keeps deliveries when an automation is re-saved', async () => {
    const storage = open()
    await storage.putAccount(account)
    await storage.putAccount({ ...account, storeName: 'Renamed', accessToken: 'another-token' })
    await storage.putAutomation(automation)
    await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    await storage.putAutomation({ ...automation, name: 'Renamed', updatedAt: '2026-01-02T00:00:00.000Z' })

    expect(await storage.listAccounts()).toEqual([{ ...account, storeName: 'Renamed', accessToken: 'another-token' }])
    expect((await storage.getAutomation('aut_1'))?.name).toBe('Renamed')
    expect(await storage.listDeliveries('trg_1', 10)).toHaveLength(1)

    await storage.deleteAutomation('aut_1')
    expect(await storage.getAutomation('aut_1')).toBeUndefined()
    expect(await storage.listDeliveries('trg_1', 10)).toEqual([])
    storage.close()
  })

  it('drops a second delivery with the same trigger and hash, and lists newest first', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    expect(await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))).toBe('inserted')
    expect(await storage.insertDelivery(delivery('d2', 'h1', '2026-01-01T00:00:02.000Z'))).toBe('duplicate')
    expect(await storage.insertDelivery(delivery('d3', 'h2', '2026-01-01T00:00:03.000Z'))).toBe('inserted')
    expect(await storage.insertDelivery(delivery('d4', 'h3', '2026-01-01T00:00:03.000Z'))).toBe('inserted')

    const listed = await storage.listDeliveries('trg_1', 10)
    // Same timestamp: the later insert comes first.
    expect(listed.map((d) => d.id)).toEqual(['d4', 'd3', 'd1'])
    expect((await storage.listDeliveries('trg_1', 2)).map((d) => d.id)).toEqual(['d4', 'd3'])
    storage.close()
  })

  it('keeps everything across a close and reopen', async () => {
    const first = open()
    await first.putAccount(account)
    await first.putAutomation(automation)
    await first.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    first.close()

    const second = open()
    expect(await second.listAccounts()).toEqual([account])
    expect(await second.listAutomations()).toEqual([automation])
    expect(await second.listDeliveries('trg_1', 10)).toHaveLength(1)
    expect(await second.insertDelivery(delivery('d2', 'h1', '2026-01-01T00:00:02.000Z'))).toBe('duplicate')
    second.close()
  })

  it('never writes the access token in plain text', async () => {
    const storage = open()
    await storage.putAccount(account)
    storage.close()

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

  it('fails loudly when the key differs or a sealed token was moved to another row', async () => {
    const storage = open()
    await storage.putAccount(account)
    await storage.putAccount({ ...account, id: 'acc_2' })
    storage.close()

    const wrongKey = open(randomBytes(32))
    await expect(wrongKey.listAccounts()).rejects.toThrow(/integrity check/)
    wrongKey.close()

    const raw = new Database(file)
    raw
      .prepare("UPDATE accounts SET access_token_sealed = (SELECT access_token_sealed FROM accounts WHERE id = 'acc_2') WHERE id = 'acc_1'")
      .run()
    raw.close()
    const swapped = open()
    await expect(swapped.getAccount('acc_1')).rejects.toThrow(/integrity check/)
    expect((await swapped.getAccount('acc_2'))?.accessToken).toBe(TOKEN)
    swapped.close()
  })

  it('rejects a corrupt row instead of passing it on', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    storage.close()
    const raw = new Database(file)
    raw.prepare(`UPDATE automations SET trigger_json = '{"id":"trg_1"}'`).run()
    raw.close()
    const reopened = open()
    await expect(reopened.listAutomations()).rejects.toThrow(/expected/)
    reopened.close()
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
  it('applies each migration once and is idempotent', () => {
    const db = new Database(file)
    expect(migrate(db)).toBe(migrations.length)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    // A second run must not try to re-create the tables.
    expect(migrate(db)).toBe(migrations.length)
    db.close()

    const storage = open()
    storage.close()
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

  it('moves the saved version and the ten kept before it into trigger_versions (migration 3)', async () => {
    const db = new Database(file)
    db.exec(migrations[0] ?? '')
    db.exec(migrations[1] ?? '')
    db.pragma('user_version = 2')
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
    storage.close()
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
    storage.close()
  })

  it('keeps hook locations and deleted triggers past the automation, but not its check', async () => {
    const storage = open()
    await storage.putAccount(account)
    await storage.putAutomation(automation)
    const location = { triggerId: 'trg_1', accountId: 'acc_1', destination: 'https://example.com/x' }
    await storage.addHookLocations([location, location])
    const check = {
      triggerId: 'trg_1',
      checkedAt: '2026-01-01T00:00:00.000Z',
      status: 'registered' as const,
      hookId: 42,
      blockedDomain: null,
      actions: [],
      problem: null,
    }
    await storage.putHookCheck(check)
    expect(await storage.getHookCheck('trg_1')).toEqual(check)
    await storage.recordDeletedTrigger('trg_1', '2026-01-02T00:00:00.000Z')
    await storage.deleteAutomation('aut_1')
    expect(await storage.getHookCheck('trg_1')).toBeUndefined()
    // A check for a trigger deleted meanwhile is dropped, not an error.
    await storage.putHookCheck(check)
    expect(await storage.getHookCheck('trg_1')).toBeUndefined()
    expect(await storage.listHookLocations('trg_1')).toEqual([location])
    expect(await storage.wasTriggerDeletedSince('trg_1', '2026-01-01T00:00:00.000Z')).toBe(true)
    await storage.pruneDeletedTriggers('2026-01-03T00:00:00.000Z')
    expect(await storage.wasTriggerDeletedSince('trg_1', '2026-01-01T00:00:00.000Z')).toBe(false)
    await storage.removeHookLocation(location)
    expect(await storage.listHookLocations()).toEqual([])
    storage.close()
  })

  it('gives a lock to one holder at a time across two connections, until it expires', async () => {
    const first = open()
    const second = open()
    expect(await first.tryLock('reconcile:t', 'a', '2026-01-01T00:00:00Z', '2026-01-01T00:00:15Z')).toBe(true)
    expect(await second.tryLock('reconcile:t', 'b', '2026-01-01T00:00:05Z', '2026-01-01T00:00:20Z')).toBe(false)
    expect(await first.tryLock('reconcile:t', 'a', '2026-01-01T00:00:05Z', '2026-01-01T00:00:20Z')).toBe(true)
    expect(await second.tryLock('reconcile:t', 'b', '2026-01-01T00:00:21Z', '2026-01-01T00:00:36Z')).toBe(true)
    await first.unlock('reconcile:t', 'a')
    expect(await first.tryLock('reconcile:t', 'a', '2026-01-01T00:00:22Z', '2026-01-01T00:00:37Z')).toBe(false)
    await second.unlock('reconcile:t', 'b')
    expect(await first.tryLock('reconcile:t', 'a', '2026-01-01T00:00:22Z', '2026-01-01T00:00:37Z')).toBe(true)
    first.close()
    second.close()
  })

  it('counts the deliveries since a time', async () => {
    const storage = open()
    await storage.putAutomation(automation)
    await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    await storage.insertDelivery(delivery('d2', 'h2', '2026-01-02T00:00:01.000Z'))
    expect(await storage.deliveryStats('trg_1', '2026-01-01T12:00:00.000Z')).toEqual({
      count: 1,
      lastReceivedAt: '2026-01-02T00:00:01.000Z',
    })
    expect(await storage.deliveryStats('none', '2026-01-01T12:00:00.000Z')).toEqual({ count: 0, lastReceivedAt: null })
    storage.close()
  })
})
