// @vitest-environment node
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { migratePostgres, postgresMigrations } from './postgres-migrations'
import { createPostgresStorage, type PostgresStorage } from './postgres-storage'
import { createTestDatabase, postgresTestsSkipped } from './postgres-test-database'
import { account, automation, delivery, describeStorageContract, TOKEN } from './storage-contract'
import { createTokenCipher } from './token-cipher'
import postgres from 'postgres'

const key = randomBytes(32)
let database: Awaited<ReturnType<typeof createTestDatabase>>
const opened: PostgresStorage[] = []
async function open(): Promise<PostgresStorage> {
  const storage = await createPostgresStorage({ url: database.url, cipher: createTokenCipher(key) })
  opened.push(storage)
  return storage
}

describe.skipIf(postgresTestsSkipped())('PostgreSQL storage', () => {
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    // Closing twice is harmless; a test that failed midway still leaves no connection behind.
    await Promise.all(opened.splice(0).map((storage) => storage.close().catch(() => undefined)))
    await database.drop()
  })

  describeStorageContract('PostgreSQL', { open })

  it('migrates once, even with two instances starting together, and refuses a newer schema', async () => {
    const [first, second] = await Promise.all([open(), open()])
    await first.putAccount(account)
    expect(await second.listAccounts()).toEqual([account])
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined })
    try {
      expect(await migratePostgres(sql)).toBe(postgresMigrations.length)
      const rows = await sql`SELECT version FROM schema_migrations ORDER BY version`
      expect(rows.map((row) => row['version'])).toEqual(postgresMigrations.map((_, index) => index + 1))
      await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${postgresMigrations.length + 1}, 'later')`
      await expect(migratePostgres(sql)).rejects.toThrow(/newer than this build knows/)
    } finally {
      await sql.end()
    }
  })

  it('tells every instance that a trigger changed, so none trusts what it read before', async () => {
    // The receiver's clock stands still (expect.poll would move it), so only the notification can
    // clear what the second instance read.
    vi.useFakeTimers({ toFake: ['performance'] })
    const eventAtSecond = async () => (await second.getDeliveryTarget('trg_1'))?.savedEvent ?? null
    async function soon(expected: string | null): Promise<string | null> {
      for (let tries = 0; tries < 100 && (await eventAtSecond()) !== expected; tries += 1) await new Promise((r) => setTimeout(r, 20))
      return eventAtSecond()
    }
    const [first, second] = await Promise.all([open(), open()])
    try {
      await first.putAutomation(automation)
      expect(await eventAtSecond()).toBe('store/order/created')
      const saved = automation.trigger.saved
      if (!saved) throw new Error('The fixture is saved.')
      await first.putAutomation({
        ...automation,
        trigger: { ...automation.trigger, saved: { ...saved, config: { ...saved.config, event: 'store/product/created' } } },
      })
      expect(await soon('store/product/created')).toBe('store/product/created')
      await first.deleteAutomation(automation.id)
      expect(await soon(null)).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('moves the saved version and the ten kept before it into trigger_versions (migration 3)', async () => {
    const { draftRestoredFrom: _draftRestoredFrom, saved, ...trigger } = automation.trigger
    const legacyVersion = (version: number) => {
      const { restoredFrom: _restoredFrom, ...rest } = saved ?? ({} as never)
      return { ...rest, version, savedAt: `2026-01-0${version}T00:00:00.000Z` }
    }
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined })
    try {
      await sql`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`
      for (const [index, migration] of postgresMigrations.slice(0, 2).entries()) {
        await sql.unsafe(migration)
        await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${index + 1}, 'then')`
      }
      const legacy = { ...trigger, saved: legacyVersion(3), history: [legacyVersion(2), legacyVersion(1)] }
      await sql`INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json)
        VALUES (${automation.id}, ${automation.name}, ${automation.createdAt}, ${automation.updatedAt}, ${trigger.id}, ${JSON.stringify(legacy)}::text::json)`
      const unsaved = { ...trigger, id: 'trg_2', saved: null, history: [] }
      await sql`INSERT INTO automations (id, name, created_at, updated_at, trigger_id, trigger_json)
        VALUES ('aut_2', 'Unsaved', ${automation.createdAt}, ${automation.updatedAt}, 'trg_2', ${JSON.stringify(unsaved)}::text::json)`
    } finally {
      await sql.end()
    }

    const storage = await open()
    const migrated = await storage.getAutomation(automation.id)
    expect(migrated?.trigger).toEqual({ ...trigger, saved: { ...legacyVersion(3), restoredFrom: null }, draftRestoredFrom: null })
    expect(migrated?.trigger).not.toHaveProperty('history')
    const versions = await storage.listTriggerVersions('trg_1', { limit: 20 })
    expect(versions).toEqual([3, 2, 1].map((version) => ({ ...legacyVersion(version), restoredFrom: null, triggerId: 'trg_1' })))
    expect((await storage.getAutomation('aut_2'))?.trigger).toMatchObject({ saved: null, draftRestoredFrom: null })
    expect(await storage.listTriggerVersions('trg_2', { limit: 20 })).toEqual([])
  })

  it('never writes the access token in plain text, and keeps a payload as BigCommerce wrote it', async () => {
    const storage = await open()
    await storage.putAccount(account)
    await storage.putAutomation(automation)
    await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined })
    try {
      const [row] = await sql`SELECT access_token_sealed FROM accounts`
      expect(String(row?.['access_token_sealed'])).not.toContain(TOKEN)
      const [stored] = await sql`SELECT payload_json::text AS text FROM deliveries`
      expect(stored?.['text']).toBe(JSON.stringify(delivery('d1', 'h1', '').payload))
    } finally {
      await sql.end()
    }
  })

  it('tells every instance on the database of a delivery stored by another (LISTEN/NOTIFY)', async () => {
    const [first, second] = await Promise.all([open(), open()])
    await first.putAutomation(automation)
    const heard: string[] = []
    second.watchDeliveries((stored) => heard.push(stored.deliveryId))
    await first.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    await expect.poll(() => heard).toEqual(['d1'])
  })

  it('tells the other instance of each of 150 deliveries stored together, once each', async () => {
    const [first, second] = await Promise.all([open(), open()])
    await first.putAutomation(automation)
    const heard: string[] = []
    second.watchDeliveries((stored) => heard.push(stored.deliveryId))
    // Ids as long as real ones (UUIDs): all of them in one notification would pass its 8,000 bytes.
    const ids = Array.from({ length: 150 }, (_, index) => `0195e7a0-0000-7000-8000-${String(index).padStart(12, '0')}`)
    // Queued in one turn of the event loop, they are written as one batch.
    await Promise.all(ids.map((id) => first.insertDelivery(delivery(id, `h-${id}`, '2026-01-01T00:00:01.000Z'))))
    await expect.poll(() => heard.length).toBe(150)
    expect(heard.toSorted()).toEqual(ids.toSorted())
  })

  it('stores deliveries two instances receive in opposite orders, each once, with no deadlock to retry', async () => {
    const retries: unknown[] = []
    const openCounting = () =>
      createPostgresStorage({ url: database.url, cipher: createTokenCipher(key), onWriteRetry: (error) => retries.push(error) })
    const [first, second] = await Promise.all([openCounting(), openCounting()])
    opened.push(first, second)
    await first.putAutomation(automation)
    const refused: unknown[] = []
    for (let round = 0; round < 10; round += 1) {
      const hashes = Array.from({ length: 100 }, (_, index) => `r${round}-${String(index).padStart(3, '0')}`)
      // Each instance queues its hundred in one turn of the event loop: one batch, one INSERT each, at once.
      const outcomes = await Promise.allSettled([
        ...hashes.map((hash) => first.insertDelivery(delivery(`a-${hash}`, hash, '2026-01-01T00:00:01.000Z'))),
        ...hashes.toReversed().map((hash) => second.insertDelivery(delivery(`b-${hash}`, hash, '2026-01-01T00:00:01.000Z'))),
      ])
      refused.push(...outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => outcome.reason))
      const stored = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value === 'inserted')
      expect(stored).toHaveLength(100)
    }
    expect(refused).toEqual([])
    expect(retries).toEqual([])
    const rows = await first.listDeliveries('trg_1', 2000)
    expect(rows).toHaveLength(1000)
    expect(rows.every((row) => row.duplicates === 1)).toBe(true)
  })

  it('writes a batch that lost a deadlock once more, before answering, and says so', async () => {
    const retries: unknown[] = []
    const storage = await createPostgresStorage({
      url: database.url,
      cipher: createTokenCipher(key),
      onWriteRetry: (error) => retries.push(error),
      writeTimeoutMs: 5000,
    })
    opened.push(storage)
    await storage.putAutomation(automation)
    await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
    await storage.insertDelivery(delivery('d2', 'h2', '2026-01-01T00:00:01.000Z'))
    const blocker = postgres(database.url, { max: 1, onnotice: () => undefined })
    const watcher = postgres(database.url, { max: 1, onnotice: () => undefined })
    try {
      // The other session holds h2, the batch takes h1 and waits for h2, then the other waits
      // for h1: a deadlock, which the batch's session (deadlock_timeout 1 s) finds first.
      let batch: Promise<unknown[]> = Promise.resolve([])
      await blocker.begin(async (tx) => {
        await tx`SET LOCAL deadlock_timeout = '20s'`
        await tx`UPDATE deliveries SET duplicates = duplicates WHERE hash = 'h2'`
        batch = Promise.all([
          storage.insertDelivery(delivery('d3', 'h1', '2026-01-01T00:00:02.000Z')),
          storage.insertDelivery(delivery('d4', 'h2', '2026-01-01T00:00:02.000Z')),
        ])
        await expect
          .poll(
            async () =>
              (await watcher`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO deliveries%'`)
                .length,
          )
          .toBe(1)
        await tx`UPDATE deliveries SET duplicates = duplicates WHERE hash = 'h1'`
      })
      expect(await batch).toEqual(['duplicate', 'duplicate'])
    } finally {
      await blocker.end()
      await watcher.end()
    }
    expect(retries).toEqual([expect.objectContaining({ code: '40P01' })])
    // The deadlocked attempt was rolled back: each redelivery is counted once.
    expect((await storage.listDeliveries('trg_1', 10)).map((row) => [row.hash, row.duplicates]).sort()).toEqual([
      ['h1', 1],
      ['h2', 1],
    ])
  })

  it('refuses deliveries quickly as storage_unavailable while the database is too slow, withdraws their write, and stores a retry once', async () => {
    const storage = await createPostgresStorage({ url: database.url, cipher: createTokenCipher(key), writeTimeoutMs: 200 })
    opened.push(storage)
    await storage.putAutomation(automation)
    const blocker = postgres(database.url, { max: 1, onnotice: () => undefined })
    try {
      let locked: () => void = () => undefined
      const lockTaken = new Promise<void>((resolve) => (locked = resolve))
      const holding = blocker.begin(async (tx) => {
        await tx`LOCK TABLE deliveries IN EXCLUSIVE MODE`
        locked()
        await new Promise((resolve) => setTimeout(resolve, 1000))
      })
      await lockTaken
      const started = Date.now()
      await expect(storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))).rejects.toMatchObject({
        code: 'storage_unavailable',
      })
      expect(Date.now() - started).toBeLessThan(900)
      await holding
      // The INSERT waiting for the lock was cancelled at the deadline: nothing of it commits later.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(await storage.listDeliveries('trg_1', 10)).toEqual([])
      expect(await storage.insertDelivery(delivery('d1-retry', 'h1', '2026-01-01T00:00:02.000Z'))).toBe('inserted')
    } finally {
      await blocker.end()
    }
  })

  it("frees a lock at once when its holder's session dies, and never takes a live holder's, however long it holds it", async () => {
    const [first, second] = await Promise.all([open(), open()])
    expect(await first.tryLock('reconcile:t', 'a', '2026-01-01T00:00:00Z', '2026-01-01T00:00:15Z')).toBe(true)
    // Long past any expiry: its holder lives, so it keeps it.
    expect(await second.tryLock('reconcile:t', 'b', '2030-01-01T00:00:00Z', '2030-01-01T00:00:15Z')).toBe(false)
    // Its session ends as a kill -9 of its process ends it; the server frees what it held.
    const sql = postgres(database.url, { max: 1, onnotice: () => undefined })
    try {
      const ended = await sql`SELECT pg_terminate_backend(pid) FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
      expect(ended).toHaveLength(1)
    } finally {
      await sql.end()
    }
    await expect
      .poll(() => second.tryLock('reconcile:t', 'b', '2026-01-01T00:00:01Z', '2026-01-01T00:00:16Z'), { timeout: 1000 })
      .toBe(true)
    // The first holder's renewal finds its session gone (the first may meet the dead connection) and the lock another's.
    await expect
      .poll(() => first.tryLock('reconcile:t', 'a', '2026-01-01T00:00:02Z', '2026-01-01T00:00:17Z').catch(() => 'connection lost'))
      .toBe(false)
  })

  it('refuses a batch as storage_unavailable when the database is gone', async () => {
    const storage = await open()
    await storage.putAutomation(automation)
    await database.drop()
    await expect(storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))).rejects.toMatchObject({
      code: 'storage_unavailable',
    })
    await expect(storage.ping()).rejects.toThrow(/does not exist|terminat/)
    // afterEach drops it again: harmless.
    database = await createTestDatabase()
  })
})
