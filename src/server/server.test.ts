// @vitest-environment node
import { jsonLogger } from './log'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { accountSchema } from '../contract/accounts'
import { automationSchema, type Automation } from '../contract/automations'
import { type TriggerDraft } from '../contract/trigger-config'
import { triggerTestSchema } from '../contract/trigger-test'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { errorBodySchema } from '../contract/errors'
import { createMemoryStorage } from '../core/memory-storage'
import { apiPaths, pathFor, webhookPath } from '../contract/routes'
import { DEMO_FULL_ACCOUNT, DEMO_STORE_HASH } from '../bigcommerce/simulator/demo-store'
import { startSimulatorServer, type SimulatorServer } from '../bigcommerce/simulator/simulator-server'
import { loadConfig, type ServerConfig } from './config'
import { createServer, listen, openSqliteStorage, type RunningServer } from './server'
import type { SqliteStorage } from './sqlite-storage'

/**
 * The server over real HTTP against the simulator over real HTTP: the real BigCommerce client,
 * SQLite on disk, and deliveries posted by the simulator to the server's receiver, the way a
 * tunnel would forward BigCommerce's https calls.
 */

const PUBLIC_URL = 'https://trigger.example.com'
const TOKEN = DEMO_FULL_ACCOUNT.accessToken

let dataDir: string
let simulator: SimulatorServer
let config: ServerConfig
let storage: SqliteStorage
let running: RunningServer
/** Every log line and every response body the tests saw, to prove the token never leaks. */
const logLines: string[] = []
const responseBodies: string[] = []

async function startServer(): Promise<void> {
  storage = openSqliteStorage(config)
  const app = createServer({
    config,
    storage,
    logger: jsonLogger({ out: (line) => logLines.push(line), err: (line) => logLines.push(line) }),
  })
  running = await listen(app, { host: '127.0.0.1', port: 0 })
}

async function stopServer(): Promise<void> {
  await running.close()
  await storage.close()
}

/** As the UI calls the API: every POST and PUT declared as JSON, with or without a body. */
async function call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  const sendsJson = body !== undefined || method === 'POST' || method === 'PUT'
  const response = await fetch(`${running.url}${route}`, {
    method,
    headers: sendsJson ? { 'Content-Type': 'application/json', ...headers } : headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  responseBodies.push(text)
  return { status: response.status, json: text === '' ? null : (JSON.parse(text) as unknown) }
}

/**
 * A request with exactly this Host header, as a browser sends it after DNS rebinding or a tunnel
 * forwards it (fetch would name the address it connects to instead).
 */
function requestWithHost(method: string, route: string, host: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port: new URL(running.url).port, method, path: route, headers: { ...headers, host } },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, json: text === '' ? null : (JSON.parse(text) as unknown) }))
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

/** A Product Created delivery of the demo store, as BigCommerce posts it. */
function productDelivery(id: number, hash: string) {
  return {
    scope: 'store/product/created',
    store_id: '1001234567',
    data: { type: 'product', id },
    hash,
    created_at: 1700000000,
    producer: `stores/${DEMO_STORE_HASH}`,
  }
}

function hooksAtSimulator() {
  return simulator.simulator.store(DEMO_STORE_HASH)?.hooks ?? []
}

beforeAll(async () => {
  simulator = await startSimulatorServer({
    // Like a tunnel: the https destination BigCommerce knows maps onto whichever port the server
    // under test listens on now (it changes on restart).
    rewriteDestination: (destination) => {
      const url = new URL(destination)
      return url.origin === PUBLIC_URL ? `${running.url}${url.pathname}` : destination
    },
  })
})

afterAll(async () => {
  await simulator.close()
})

// Every test starts from nothing: a new DATA_DIR, a freshly seeded store, no log.
beforeEach(async () => {
  simulator.simulator.reset()
  dataDir = mkdtempSync(path.join(tmpdir(), 'server-http-'))
  config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL, BIGCOMMERCE_API_URL: simulator.url, PORT: '0' })
  logLines.length = 0
  responseBodies.length = 0
  await startServer()
})

afterEach(async () => {
  await stopServer()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A Product Created draft for `accountId`, as the wizard writes it. */
function draft(accountId: string, overrides: Partial<TriggerDraft> = {}): TriggerDraft {
  return {
    stage: 'test',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId,
    event: 'store/product/created',
    headers: [{ name: 'X-Team', value: 'catalog' }],
    ...overrides,
  }
}

async function authorizeDemoStore(): Promise<string> {
  const good = await call('POST', apiPaths.accounts, { connector: 'bigcommerce', storeHash: DEMO_STORE_HASH, accessToken: TOKEN })
  expect(good.status).toBe(200)
  return accountSchema.parse(good.json).id
}

/** An authorized demo store and a saved Product Created trigger with one custom header. */
async function savedProductTrigger(): Promise<{ accountId: string; automation: Automation }> {
  const accountId = await authorizeDemoStore()
  const created = await call('POST', apiPaths.automations, { name: 'New products' })
  expect(created.status).toBe(201)
  const { id } = automationSchema.parse(created.json)
  expect((await call('PUT', pathFor(apiPaths.triggerDraft, { automationId: id }), { draft: draft(accountId) })).status).toBe(200)
  const saved = await call('POST', pathFor(apiPaths.triggerSave, { automationId: id }))
  expect(saved.status).toBe(200)
  return { accountId, automation: automationSchema.parse(saved.json) }
}

describe('the server against the BigCommerce simulator', () => {
  it('refuses wrong credentials and keeps nothing', async () => {
    const wrong = await call('POST', apiPaths.accounts, {
      connector: 'bigcommerce',
      storeHash: DEMO_STORE_HASH,
      accessToken: 'x'.repeat(31),
    })
    expect(wrong.status).toBe(422)
    expect(errorBodySchema.parse(wrong.json).error.code).toBe('invalid_credentials')
    expect((await call('GET', apiPaths.accounts)).json).toEqual({ accounts: [] })
  })

  it('authorizes good credentials and answers a mask, never the token', async () => {
    const good = await call('POST', apiPaths.accounts, { connector: 'bigcommerce', storeHash: DEMO_STORE_HASH, accessToken: TOKEN })
    expect(good.status).toBe(200)
    const account = accountSchema.parse(good.json)
    expect(account).toMatchObject({ storeHash: DEMO_STORE_HASH, storeName: 'Demo Store', tokenMask: `••••••••${TOKEN.slice(-4)}` })
  })

  it('saves a trigger by registering a hook that carries the custom headers and the secret', async () => {
    const { automation } = await savedProductTrigger()
    const destination = `${PUBLIC_URL}${webhookPath(automation.trigger.id)}`
    expect(automation.trigger.saved?.webhook).toMatchObject({ status: 'registered', destination })

    const hooks = hooksAtSimulator()
    expect(hooks).toHaveLength(1)
    expect(hooks[0]).toMatchObject({
      id: automation.trigger.saved?.webhook.hookId,
      scope: 'store/product/created',
      destination,
      is_active: true,
    })
    expect(hooks[0]?.headers?.['X-Team']).toBe('catalog')
    expect(hooks[0]?.headers?.[TRIGGER_SECRET_HEADER]).toMatch(/.{16,}/)
  })

  it('stores a delivery when a product is created, and Test Trigger shows it', async () => {
    const { automation } = await savedProductTrigger()
    const product = simulator.simulator.createProduct(DEMO_STORE_HASH, { name: 'Server test product' })
    await simulator.simulator.settled()
    expect(simulator.simulator.deliveries.at(-1)).toMatchObject({ status: 200, url: `${running.url}${webhookPath(automation.trigger.id)}` })

    const tested = await call('POST', pathFor(apiPaths.triggerTest, { automationId: automation.id }))
    expect(tested.status).toBe(200)
    const test = triggerTestSchema.parse(tested.json)
    expect(test.source).toBe('delivered')
    expect(test.payload).toMatchObject({
      scope: 'store/product/created',
      data: { type: 'product', id: product.id },
      producer: `stores/${DEMO_STORE_HASH}`,
    })
  })

  it('keeps accounts, triggers and events across a restart on the same DATA_DIR', async () => {
    const { accountId, automation } = await savedProductTrigger()
    simulator.simulator.createProduct(DEMO_STORE_HASH, { name: 'Before restart' })
    await simulator.simulator.settled()

    await stopServer()
    await startServer()

    const accounts = await call('GET', apiPaths.accounts)
    expect(accounts.json).toMatchObject({ accounts: [{ id: accountId, storeHash: DEMO_STORE_HASH }] })
    const reloaded = await call('GET', pathFor(apiPaths.automation, { automationId: automation.id }))
    // The same trigger, whose health now counts the delivery it took.
    expect(automationSchema.parse(reloaded.json)).toEqual({
      ...automation,
      trigger: {
        ...automation.trigger,
        health: { ...automation.trigger.health, deliveriesLast24h: 1, lastDeliveryAt: expect.any(String) },
      },
    })
    expect(triggerTestSchema.parse((await call('POST', pathFor(apiPaths.triggerTest, { automationId: automation.id }))).json).source).toBe(
      'delivered',
    )

    // The restarted server still takes deliveries (it decrypts the token with the same key file).
    simulator.simulator.createProduct(DEMO_STORE_HASH, { name: 'After restart' })
    await simulator.simulator.settled()
    expect(simulator.simulator.deliveries.at(-1)?.status).toBe(200)
    expect(await storage.listDeliveries(automation.trigger.id, 10)).toHaveLength(2)
  })

  it('answers 401 to a delivery with a wrong or missing secret, and stores nothing', async () => {
    const { automation } = await savedProductTrigger()
    const body = productDelivery(999, 'forged0000000000000000000000000000000000')
    const route = webhookPath(automation.trigger.id)
    const wrong = await call('POST', route, body, { [TRIGGER_SECRET_HEADER]: 'not-the-secret' })
    const missing = await call('POST', route, body)
    expect([wrong.status, missing.status]).toEqual([401, 401])
    expect(errorBodySchema.parse(wrong.json).error.code).toBe('unauthorized')
    expect(await storage.listDeliveries(automation.trigger.id, 100)).toEqual([])
  })

  it('takes deliveries through the tunnel, but shows it neither the API nor the UI', async () => {
    const { automation } = await savedProductTrigger()
    const tunnelHost = new URL(PUBLIC_URL).host
    const secret = hooksAtSimulator()[0]?.headers?.[TRIGGER_SECRET_HEADER] ?? ''
    const body = JSON.stringify(productDelivery(4242, 'tunnel000000000000000000000000000000000'))
    const delivered = await requestWithHost(
      'POST',
      webhookPath(automation.trigger.id),
      tunnelHost,
      { 'Content-Type': 'application/json', [TRIGGER_SECRET_HEADER]: secret },
      body,
    )
    expect(delivered).toEqual({ status: 200, json: { status: 'stored' } })

    for (const [method, route] of [
      ['GET', apiPaths.accounts],
      ['POST', pathFor(apiPaths.triggerSave, { automationId: automation.id })],
      ['GET', '/'],
    ] as const) {
      const answer = await requestWithHost(method, route, tunnelHost, { 'Content-Type': 'application/json' })
      expect(answer).toEqual({ status: 404, json: { error: { code: 'not_found', message: `Nothing is served at ${method} ${route}.` } } })
    }
    // A tunnel that rewrites Host to the local address still says it forwarded the request.
    const rewritten = await requestWithHost('GET', apiPaths.accounts, new URL(running.url).host, { 'X-Forwarded-For': '203.0.113.9' })
    expect(rewritten.status).toBe(404)
  })

  it('saves through a 429 and a 500 once BigCommerce recovers', async () => {
    const { accountId, automation } = await savedProductTrigger()
    await call('PUT', pathFor(apiPaths.triggerDraft, { automationId: automation.id }), {
      draft: draft(accountId, { headers: [{ name: 'X-Team', value: 'merch' }] }),
    })
    simulator.simulator.addFault({ pathPattern: '/v3/hooks', status: 429, headers: { 'X-Rate-Limit-Time-Reset-Ms': '20' } })
    simulator.simulator.addFault({ pathPattern: '/v3/hooks', status: 500 })

    const saved = await call('POST', pathFor(apiPaths.triggerSave, { automationId: automation.id }))
    expect(saved.status).toBe(200)
    expect(automationSchema.parse(saved.json).trigger.saved?.config.headers).toEqual([{ name: 'X-Team', value: 'merch' }])
    const hooks = hooksAtSimulator()
    expect(hooks).toHaveLength(1)
    expect(hooks[0]?.headers?.['X-Team']).toBe('merch')
  })

  it('keeps the previous saved config and hook when BigCommerce keeps failing', async () => {
    const { accountId, automation } = await savedProductTrigger()
    const hookBefore = structuredClone(hooksAtSimulator())
    await call('PUT', pathFor(apiPaths.triggerDraft, { automationId: automation.id }), {
      draft: draft(accountId, { event: 'store/order/created' }),
    })
    simulator.simulator.addFault({ pathPattern: '/v3/hooks', status: 500, times: 50 })

    const failed = await call('POST', pathFor(apiPaths.triggerSave, { automationId: automation.id }))
    expect(failed.status).toBe(502)
    expect(errorBodySchema.parse(failed.json).error.code).toBe('upstream_error')
    expect(hooksAtSimulator()).toEqual(hookBefore)
    await fetch(`${simulator.url}/__simulator/faults`, { method: 'DELETE' })

    const after = automationSchema.parse((await call('GET', pathFor(apiPaths.automation, { automationId: automation.id }))).json)
    expect(after.trigger.saved).toEqual(automation.trigger.saved)
    expect(after.trigger.draft.event).toBe('store/order/created')
    expect(after.trigger.differsFromSaved).toBe(true)
  }, 15_000)

  it('never shows the access token in a response or a log line', async () => {
    const { automation } = await savedProductTrigger()
    await call('GET', apiPaths.accounts)
    expect((await call('POST', pathFor(apiPaths.triggerTest, { automationId: automation.id }))).status).toBe(200)
    await call('GET', pathFor(apiPaths.automation, { automationId: automation.id }))

    expect(responseBodies).toHaveLength(7)
    expect(logLines).toHaveLength(7)
    for (const text of [...responseBodies, ...logLines]) expect(text).not.toContain(TOKEN)
  })
})

describe('hostile input at the API', () => {
  const hostileTokens = [
    ['a NUL', `${TOKEN.slice(0, 10)}\u0000${TOKEN.slice(10)}`],
    ['a character no header can carry', `${TOKEN.slice(0, 10)}\u2603${TOKEN.slice(10)}`],
    ['200 KB', `${TOKEN}${'z'.repeat(200 * 1024)}`],
  ] as const

  it.each(hostileTokens)('refuses an access token with %s at the field, at once, without echoing or logging it', async (_what, token) => {
    const answer = await call('POST', apiPaths.accounts, { connector: 'bigcommerce', storeHash: DEMO_STORE_HASH, accessToken: token })
    expect(answer.status).toBe(422)
    expect(answer.json).toMatchObject({ error: { code: 'validation_failed', field: 'accessToken' } })
    for (const text of [...responseBodies, ...logLines]) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(TOKEN.slice(0, 10))
    }
  })

  it('answers 400 to a body that is not JSON, at the API and at the receiver', async () => {
    const sendRaw = async (route: string, body: string) =>
      (await fetch(`${running.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status
    expect(await sendRaw(apiPaths.accounts, '{"connector":')).toBe(400)
    expect(await sendRaw(webhookPath('any-trigger'), '{"scope":')).toBe(400)
  })
})

describe('who may reach the UI and the API', () => {
  it('refuses them to a page whose own name now points at this machine (DNS rebinding)', async () => {
    for (const route of [apiPaths.accounts, '/']) {
      const answer = await requestWithHost('GET', route, `rebind.attacker.example:${new URL(running.url).port}`)
      expect(answer.status).toBe(403)
      const { error } = errorBodySchema.parse(answer.json)
      expect(error.code).toBe('forbidden')
      expect(error.message).toMatch(/^This app answers only at localhost, 127\.0\.0\.1 or \[::1\], not at rebind\.attacker\.example,/)
    }
  })

  it('answers them at the loopback names, whatever the port', async () => {
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:1234', 'LOCALHOST']) {
      expect((await requestWithHost('GET', apiPaths.info, host)).status).toBe(200)
    }
  })

  it('also answers them at the HOST it listens on, unless HOST is every address', async () => {
    const serve = (host: string) =>
      createServer({ config: { ...config, host }, storage: createMemoryStorage(), logger: { info: () => {}, error: () => {} } })
    expect((await serve('trigger-box.lan').request(apiPaths.info, { headers: { host: 'trigger-box.lan:8080' } })).status).toBe(200)
    expect((await serve('::1').request(apiPaths.info, { headers: { host: '[::1]:8080' } })).status).toBe(200)
    expect((await serve('0.0.0.0').request(apiPaths.info, { headers: { host: '0.0.0.0:8080' } })).status).toBe(403)
    expect((await serve('0.0.0.0').request(apiPaths.info, { headers: { host: 'localhost:8080' } })).status).toBe(200)
  })

  it('prints a URL that works when it listens on every address', async () => {
    const app = createServer({
      config: { ...config, host: '0.0.0.0' },
      storage: createMemoryStorage(),
      logger: { info: () => {}, error: () => {} },
    })
    const everywhere = await listen(app, { host: '0.0.0.0', port: 0 })
    try {
      expect(everywhere.url).toMatch(/^http:\/\/localhost:\d+$/)
      expect((await fetch(`${everywhere.url}${apiPaths.info}`)).status).toBe(200)
    } finally {
      await everywhere.close()
    }
  })
})
