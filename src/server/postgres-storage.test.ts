// @vitest-environment node
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createPostgresStorage, migratePostgres, postgresMigrations, type PostgresStorage } from './postgres-storage'
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
