// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryStorage } from '../core/memory-storage'
import type { Storage } from '../core/ports'
import { StorageUnavailableError } from '../core/storage-unavailable'
import { loadConfig } from './config'
import { createServer } from './server'
import { READY_DEADLINE_MS, STORAGE_DEADLINE_MS, withDeadlines, withinDeadline } from './storage-deadline'

const never = () => new Promise<never>(() => undefined)

describe('deadlines on database calls', () => {
  it('answers a call that has not answered in time with StorageUnavailableError, and one that has as it did', async () => {
    vi.useFakeTimers()
    try {
      const late = withinDeadline(never(), 1000, 'the lookup')
      const settled = late.catch((error: unknown) => error)
      await vi.advanceTimersByTimeAsync(999)
      await vi.advanceTimersByTimeAsync(1)
      expect(await settled).toEqual(new StorageUnavailableError('The database did not answer the lookup within 1000 ms.'))
      await expect(withinDeadline(Promise.resolve('row'), 1000, 'the lookup')).resolves.toBe('row')
      await expect(withinDeadline(Promise.reject(new Error('refused')), 1000, 'the lookup')).rejects.toThrow('refused')
    } finally {
      vi.useRealTimers()
    }
  })

  it('holds every asynchronous method of a storage to it, except those that keep their own', async () => {
    vi.useFakeTimers()
    try {
      const storage = { listAccounts: never, insertDelivery: never, watch: () => 'sync', ping: () => Promise.resolve() }
      const held = withDeadlines(storage, 1000, ['insertDelivery'])
      const listed = held.listAccounts().catch((error: unknown) => error)
      let inserted = false
      void held.insertDelivery().finally(() => (inserted = true))
      await vi.advanceTimersByTimeAsync(1000)
      expect(await listed).toBeInstanceOf(StorageUnavailableError)
      expect(inserted).toBe(false)
      expect(held.watch()).toBe('sync')
      await expect(held.ping()).resolves.toBeUndefined()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('the server while its database does not answer', () => {
  function serverOn(storage: Storage) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'deadline-config-'))
    const config = loadConfig({ DATA_DIR: dataDir, PORT: '0' })
    rmSync(dataDir, { recursive: true, force: true })
    const app = createServer({ config, storage, logger: { info: () => undefined, error: () => undefined } })
    return async (route: string) => {
      const started = performance.now()
      const response = await app.request(`http://localhost${route}`)
      return { status: response.status, retryAfter: response.headers.get('retry-after'), ms: performance.now() - started }
    }
  }

  it('answers /readyz 503 within its deadline, and 200 again once the database answers', async () => {
    const storage = createMemoryStorage()
    let answering = false
    storage.ping = () => (answering ? Promise.resolve() : never())
    const get = serverOn(storage)
    const down = await get('/readyz')
    expect(down).toMatchObject({ status: 503, retryAfter: '5' })
    expect(down.ms).toBeGreaterThanOrEqual(READY_DEADLINE_MS - 10)
    expect(down.ms).toBeLessThan(1000)
    answering = true
    expect(await get('/readyz')).toMatchObject({ status: 200 })
  })

  it('answers an API read 503 with Retry-After at the deadline, not when the database finally answers', async () => {
    const storage = createMemoryStorage()
    storage.listAutomations = never
    const get = serverOn(withDeadlines(storage, STORAGE_DEADLINE_MS, []))
    const answer = await get('/api/automations')
    expect(answer).toMatchObject({ status: 503, retryAfter: '5' })
    expect(answer.ms).toBeLessThan(STORAGE_DEADLINE_MS + 500)
  })
})
