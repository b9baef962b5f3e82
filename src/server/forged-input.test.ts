// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { apiPaths, pathFor } from '../contract/routes'
import type { Storage } from '../core/ports'
import { loadConfig } from './config'
import { createPostgresStorage } from './postgres-storage'
import { createTestDatabase, postgresTestsSkipped } from './postgres-test-database'
import { createServer } from './server'
import { createSqliteStorage } from './sqlite-storage'
import { account, automation } from './storage-contract'
import { createTokenCipher } from './token-cipher'

/**
 * Input forged to reach the database (issue 23), through the HTTP API on each server backend:
 * refused at its field with a 4xx, never a 500 from a query that could not hold it.
 */

type Opened = { storage: Storage; close(): Promise<void> }
const backends: [string, () => Promise<Opened>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'forged-input-'))
      const storage = createSqliteStorage({ file: path.join(dir, 'app.db'), cipher: createTokenCipher(randomBytes(32)) })
      return {
        storage,
        async close() {
          await storage.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  ],
]
if (!postgresTestsSkipped()) {
  backends.push([
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase()
      const storage = await createPostgresStorage({ url: database.url, cipher: createTokenCipher(randomBytes(32)) })
      return {
        storage,
        async close() {
          await storage.close()
          await database.drop()
        },
      }
    },
  ])
}

let opened: Opened | undefined
afterEach(async () => {
  await opened?.close()
  opened = undefined
})

describe.each(backends)('forged input on %s', (_name, open) => {
  async function server() {
    opened = await open()
    await opened.storage.putAccount(account)
    await opened.storage.putAutomation(automation)
    const dataDir = mkdtempSync(path.join(tmpdir(), 'forged-input-config-'))
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0' })
    rmSync(dataDir, { recursive: true, force: true })
    const app = createServer({ config, storage: opened.storage, logger: { info: () => undefined, error: () => undefined } })
    return async (method: string, route: string, body?: unknown) => {
      const response = await app.request(`http://localhost${route}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      })
      return { status: response.status, body: (await response.json()) as unknown }
    }
  }

  it("refuses issue 23's log cursors at the cursor field", async () => {
    const call = await server()
    for (const cursor of ['WyIyMDk5LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCI5OTk5OTk5OTk5OTk5OTk5OTk5Il0', 'WyIyMDk5XHUwMDAwIiwiMSJd']) {
      expect(await call('GET', `${pathFor(apiPaths.triggerDeliveries, { automationId: automation.id })}?cursor=${cursor}`)).toEqual({
        status: 422,
        body: { error: { code: 'validation_failed', message: expect.any(String), field: 'cursor' } },
      })
    }
  })

  it('refuses a name with a control character at the name field, and keeps the name it had', async () => {
    const call = await server()
    for (const name of ['bell\u0007name', 'esc\u001b[0m', 'two\r\nlines', 'del\u007f', '\u0001start']) {
      const refused = { status: 422, body: { error: { code: 'validation_failed', message: expect.any(String), field: 'name' } } }
      expect(await call('PATCH', pathFor(apiPaths.account, { accountId: account.id }), { name })).toEqual(refused)
      expect(await call('POST', apiPaths.automations, { name })).toEqual(refused)
    }
    expect((await opened?.storage.getAccount(account.id))?.displayName).toBeNull()
    expect((await opened?.storage.listAutomations())?.map((stored) => stored.name)).toEqual([automation.name])
  })
})
