// @vitest-environment node
import { jsonLogger } from './log'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BackendError } from '../contract/errors'
import type { StorePlatform } from '../core/ports'
import { loadConfig } from './config'
import { createServer, openSqliteStorage } from './server'
import type { SqliteStorage } from './sqlite-storage'

/** These requests never reach BigCommerce; any call is a test failure. */
const unreachablePlatform: StorePlatform = {
  verifyCredentials: () => Promise.reject(new BackendError('internal', 'not expected')),
  canRead: () => Promise.reject(new BackendError('internal', 'not expected')),
  createHook: () => Promise.reject(new BackendError('internal', 'not expected')),
  updateHook: () => Promise.reject(new BackendError('internal', 'not expected')),
  deleteHook: () => Promise.reject(new BackendError('internal', 'not expected')),
  listHooksAt: () => Promise.reject(new BackendError('internal', 'not expected')),
  blockedDomains: () => Promise.reject(new BackendError('internal', 'not expected')),
  latestEventData: () => Promise.reject(new BackendError('internal', 'not expected')),
  fetchEventRecord: () => Promise.reject(new BackendError('internal', 'not expected')),
}

let dir: string
let storage: SqliteStorage
const lines: string[] = []
let app: ReturnType<typeof createServer>

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'server-static-'))
  const distDir = path.join(dir, 'dist')
  mkdirSync(path.join(distDir, 'assets'), { recursive: true })
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><title>BigCommerce Trigger</title>')
  writeFileSync(path.join(distDir, 'assets', 'index-abc123.js'), 'console.log(1)')
  writeFileSync(path.join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  const config = loadConfig({ DATA_DIR: path.join(dir, 'data') })
  storage = openSqliteStorage(config)
  app = createServer({
    config,
    storage,
    platform: unreachablePlatform,
    distDir,
    logger: jsonLogger({ out: (line) => lines.push(line), err: (line) => lines.push(line) }),
  })
})

afterAll(async () => {
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the built UI', () => {
  it('serves hashed assets as immutable and index.html as revalidated', async () => {
    const asset = await app.request('/assets/index-abc123.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await asset.text()).toBe('console.log(1)')

    const root = await app.request('/')
    expect(root.status).toBe(200)
    expect(root.headers.get('cache-control')).toBe('no-cache')
    expect(await root.text()).toContain('<title>BigCommerce Trigger</title>')

    expect((await app.request('/favicon.svg')).headers.get('cache-control')).toBe('no-cache')
  })

  it('answers a UI route with index.html, but a missing file or API path with a 404', async () => {
    const route = await app.request('/automations/aut_1')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>BigCommerce Trigger</title>')

    expect((await app.request('/assets/missing-123.js')).status).toBe(404)
    const api = await app.request('/api/nope')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'Nothing is served at GET /api/nope.' } })
    expect((await app.request('/hooks/nope', { method: 'GET' })).status).toBe(404)
  })

  it('sends security headers on pages and API answers alike', async () => {
    for (const response of [await app.request('/'), await app.request('/api/info')]) {
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self'/)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it('logs one JSON line per request, with its id and without the query string', async () => {
    lines.length = 0
    const response = await app.request('/api/info?token=secret-in-query', { headers: { 'x-request-id': 'lb-42' } })
    expect(response.headers.get('x-request-id')).toBe('lb-42')
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'lb-42',
      method: 'GET',
      path: '/api/info',
      status: 200,
    })
    expect(lines[0]).not.toContain('secret-in-query')

    // An id that is not a plain token is not echoed into the log; a fresh one stands in.
    const odd = await app.request('/api/info', { headers: { 'x-request-id': 'a b\u00e9' } })
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers /healthz always, and /readyz while the database answers', async () => {
    expect(await (await app.request('/healthz', { headers: { host: '10.0.0.7:8080' } })).json()).toEqual({ status: 'ok' })
    const ready = await app.request('/readyz', { headers: { host: '10.0.0.7:8080' } })
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }])
    await storage.close()
    const closed = await app.request('/readyz')
    expect(closed.status).toBe(503)
    expect(closed.headers.get('retry-after')).toBe('5')
    expect((await closed.json()).error.code).toBe('storage_unavailable')
  })
})
