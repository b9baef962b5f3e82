// @vitest-environment node
import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { httpBackend } from '../backend/http-backend'
import type { TriggerBackend } from '../backend/trigger-backend'
import type { TriggerDraft } from '../contract/trigger-config'
import { TRIGGER_SECRET_HEADER } from '../contract/custom-headers'
import { BackendError, errorBodySchema, errorCodeSchema, statusForCode } from '../contract/errors'
import { apiPaths, pathFor, webhookPath } from '../contract/routes'
import { fakePlatform } from '../core/fake-store-platform'
import { createMemoryStorage } from '../core/memory-storage'
import { createTriggerService } from '../core/trigger-service'
import { createSseParser, type SseEvent } from '../backend/sse-parser'
import { createApiApp } from './api-app'
import type { ListenStreamEvent } from './listen-route'
import { WEBHOOK_BODY_LIMIT_BYTES } from './request-body'

const PUBLIC_URL = 'https://triggers.example.com'

function setup({ listenTimeoutMs }: { listenTimeoutMs?: number } = {}) {
  const fake = fakePlatform()
  const storage = createMemoryStorage()
  const service = createTriggerService({
    storage,
    platform: fake.platform,
    config: { publicUrl: PUBLIC_URL, webhookHelp: 'Set PUBLIC_URL.', ...(listenTimeoutMs === undefined ? {} : { listenTimeoutMs }) },
  })
  const onUnexpectedError = vi.fn<(error: unknown) => void>()
  const onListenStream = vi.fn<(event: ListenStreamEvent) => void>()
  const app = createApiApp(service, { onUnexpectedError, onListenStream })
  const send = (path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    app.request(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    })
  return { fake, storage, service, app, send, onUnexpectedError, onListenStream }
}

/** Every failure answers the one error shape; this parses it and hands back the error. */
async function errorOf(response: Response) {
  return errorBodySchema.parse(await response.json()).error
}

async function savedTrigger({ clientSecret, listenTimeoutMs }: { clientSecret?: string; listenTimeoutMs?: number } = {}) {
  const context = setup(listenTimeoutMs === undefined ? {} : { listenTimeoutMs })
  const { service, storage } = context
  const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1', clientSecret })
  const automation = await service.createAutomation({ name: 'Orders' })
  const draft: TriggerDraft = {
    stage: 'configureTrigger',
    connector: 'bigcommerce',
    trigger: 'bigcommerce',
    accountId: account.id,
    event: 'store/order/created',
    headers: [],
  }
  await service.updateTriggerDraft({ automationId: automation.id, draft })
  await service.saveTrigger({ automationId: automation.id })
  const secret = (await storage.getAutomation(automation.id))?.trigger.secret ?? ''
  return { ...context, automationId: automation.id, triggerId: automation.trigger.id, secret }
}

const callback = {
  scope: 'store/order/created',
  store_id: '555',
  data: { type: 'order', id: 9 },
  hash: 'abc',
  created_at: 1767225600,
  producer: 'stores/abc123',
}

describe('the REST contract', () => {
  it('serves info, and creates, lists, reads and deletes automations', async () => {
    const { send } = setup()
    expect(await (await send(apiPaths.info)).json()).toEqual({ publicUrl: PUBLIC_URL, webhookHelp: null })

    // The contract trims the name, once, where the request is parsed.
    const created = await send(apiPaths.automations, { body: { name: '  Orders  ' } })
    expect(created.status).toBe(201)
    const automation = await created.json()
    expect(automation).toMatchObject({ name: 'Orders', trigger: { saved: null } })

    expect((await (await send(apiPaths.automations)).json()).automations).toHaveLength(1)
    expect((await send(pathFor(apiPaths.automation, { automationId: automation.id }))).status).toBe(200)

    const deleted = await send(pathFor(apiPaths.automation, { automationId: automation.id }), { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    expect(await deleted.text()).toBe('')
    const gone = await send(pathFor(apiPaths.automation, { automationId: automation.id }))
    expect(gone.status).toBe(404)
    expect((await errorOf(gone)).code).toBe('not_found')
  })

  it('refuses a body that breaks the contract with 422 at the first field', async () => {
    const { send } = setup()
    for (const name of ['', '   ']) {
      const response = await send(apiPaths.automations, { body: { name } })
      expect(response.status).toBe(422)
      expect(await errorOf(response)).toEqual({ code: 'validation_failed', message: 'Enter a name.', field: 'name' })
    }

    const draft = await send(pathFor(apiPaths.triggerDraft, { automationId: 'any' }), {
      method: 'PUT',
      body: { draft: { stage: 'nowhere' } },
    })
    expect(draft.status).toBe(422)
    expect(await errorOf(draft)).toMatchObject({ code: 'validation_failed', field: 'draft.stage' })
  })

  it('answers 400 malformed_json for a body that is not JSON, and 422 for JSON that breaks a rule', async () => {
    const { send } = setup()
    const response = await send(apiPaths.accounts, { body: '{"storeHash":' })
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toEqual({ code: 'malformed_json', message: 'The body is not valid JSON: it could not be parsed.' })
    const wrongShape = await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: 7 } })
    expect(wrongShape.status).toBe(422)
    expect((await errorOf(wrongShape)).code).toBe('validation_failed')
  })

  it('refuses text PostgreSQL cannot hold (a NUL, a lone surrogate) at its field, and finds nothing at an address with a NUL', async () => {
    const { send, service, storage } = setup()
    const automation = await service.createAutomation({ name: 'Orders' })
    const name = await send(apiPaths.automations, { body: '{"name":"Or\\u0000ders"}' })
    expect(name.status).toBe(422)
    expect(await errorOf(name)).toEqual({
      code: 'validation_failed',
      message: 'Text cannot hold a NUL character (\\u0000) or an unpaired surrogate (\\ud800–\\udfff).',
      field: 'name',
    })
    const surrogate = await send(apiPaths.automations, { body: '{"name":"Orders \\ud83d"}' })
    expect(await errorOf(surrogate)).toMatchObject({ code: 'validation_failed', field: 'name' })
    // A pair is a character (🛒), escaped or not.
    const pair = await send(apiPaths.automations, { body: '{"name":"Orders \\ud83d\\uded2 🛒"}' })
    expect(await pair.json()).toMatchObject({ name: 'Orders 🛒 🛒' })
    const key = await send(apiPaths.automations, { body: '{"name":"Orders","\\u0000":1}' })
    expect(await errorOf(key)).toMatchObject({ field: '\u0000' })
    // A backslash before "u0000" is text, not a NUL: the name is taken as typed.
    const escaped = await send(apiPaths.automations, { body: '{"name":"C:\\\\u0000"}' })
    expect(escaped.status).toBe(201)
    expect(await escaped.json()).toMatchObject({ name: 'C:\\u0000' })

    const query = await send(`${pathFor(apiPaths.triggerDeliveries, { automationId: automation.id })}?search=a%00b`)
    expect(query.status).toBe(422)
    expect(await errorOf(query)).toMatchObject({ code: 'validation_failed', field: 'search' })
    const getAutomation = vi.spyOn(storage, 'getAutomation')
    const path = await send(pathFor(apiPaths.automation, { automationId: 'a\u0000b' }))
    expect(path.status).toBe(404)
    expect(await errorOf(path)).toEqual({ code: 'not_found', message: 'Nothing is at this address.' })
    expect(getAutomation).not.toHaveBeenCalled()
  })

  it('refuses with 415 a POST or PUT that is not declared as JSON, even one that reads no body', async () => {
    const { send, service, app } = setup()
    const automation = await service.createAutomation({ name: 'Orders' })
    // What a page on another site can send without a CORS preflight: a form, text, or no type.
    const crossSite = [
      send(apiPaths.automations, { body: 'name=Forged', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      send(apiPaths.automations, { body: '{"name":"Forged"}', headers: { 'content-type': 'text/plain' } }),
      app.request(pathFor(apiPaths.triggerSave, { automationId: automation.id }), { method: 'POST' }),
      send(pathFor(apiPaths.triggerDraft, { automationId: automation.id }), {
        method: 'PUT',
        body: '{}',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      }),
      send(pathFor(apiPaths.automation, { automationId: automation.id }), {
        method: 'DELETE',
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
    ]
    for (const response of await Promise.all(crossSite)) {
      expect(response.status).toBe(415)
      expect(await errorOf(response)).toEqual({
        code: 'unsupported_media_type',
        message: 'Send the request as JSON, with the header Content-Type: application/json.',
      })
    }
    expect((await service.listAutomations()).map((entry) => entry.name)).toEqual(['Orders'])
  })

  it('takes JSON with a charset, and a DELETE without a body', async () => {
    const { send, app } = setup()
    const created = await send(apiPaths.automations, {
      body: { name: 'Orders' },
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    })
    expect(created.status).toBe(201)
    const { id } = await created.json()
    expect((await app.request(pathFor(apiPaths.automation, { automationId: id }), { method: 'DELETE' })).status).toBe(204)
  })

  it('authorizes an account without ever answering the token', async () => {
    const { send } = setup()
    const response = await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } })
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toContain('token-abc1')
    expect(JSON.parse(text)).toMatchObject({ storeHash: 'abc123', tokenMask: '••••••••abc1' })
    expect(await (await send(apiPaths.accounts)).text()).not.toContain('token-abc1')
  })

  it('renames, re-enters the token of, and deletes an account; the token never comes back', async () => {
    const { send, fake, service } = setup()
    const account = await (
      await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } })
    ).json()

    const renamed = await send(pathFor(apiPaths.account, { accountId: account.id }), { method: 'PATCH', body: { name: '  Main shop ' } })
    expect(await renamed.json()).toMatchObject({ id: account.id, name: 'Main shop' })
    const empty = await send(pathFor(apiPaths.account, { accountId: account.id }), { method: 'PATCH', body: { name: '   ' } })
    expect(empty.status).toBe(422)
    expect(await errorOf(empty)).toEqual({ code: 'validation_failed', message: 'Enter a name.', field: 'name' })

    const refused = await send(pathFor(apiPaths.accountToken, { accountId: account.id }), {
      method: 'PUT',
      body: { accessToken: 'token-xyz9' },
    })
    expect(refused.status).toBe(422)
    expect(await errorOf(refused)).toMatchObject({ code: 'invalid_credentials', field: 'accessToken' })
    fake.addToken('abc123', 'token-abc2')
    const replaced = await send(pathFor(apiPaths.accountToken, { accountId: account.id }), {
      method: 'PUT',
      body: { accessToken: 'token-abc2' },
    })
    const text = await replaced.text()
    expect(text).not.toContain('token-abc2')
    expect(JSON.parse(text)).toMatchObject({ id: account.id, name: 'Main shop', tokenMask: '••••••••abc2' })

    const automation = await service.createAutomation({ name: 'Orders' })
    await service.updateTriggerDraft({
      automationId: automation.id,
      draft: {
        stage: 'configureTrigger',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: account.id,
        event: null,
        headers: [],
      },
    })
    const inUse = await send(pathFor(apiPaths.account, { accountId: account.id }), { method: 'DELETE' })
    expect(inUse.status).toBe(409)
    expect((await errorOf(inUse)).message).toContain('“Orders”')
    await service.deleteAutomation({ automationId: automation.id })
    expect((await send(pathFor(apiPaths.account, { accountId: account.id }), { method: 'DELETE' })).status).toBe(204)
    expect(await (await send(apiPaths.accounts)).json()).toEqual({ accounts: [] })
  })

  it('maps BigCommerce’s refusal to the error shape, with the code’s status and the field', async () => {
    const { send } = setup()
    const refused = await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'bad-token' } })
    expect(refused.status).toBe(422)
    expect((await errorOf(refused)).code).toBe('invalid_credentials')

    const badHash = await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: '!!', accessToken: 'x' } })
    expect(await errorOf(badHash)).toMatchObject({ code: 'validation_failed', field: 'storeHash' })
  })

  it.each(errorCodeSchema.options)('answers a %s error with its code’s status and nothing else', async (code) => {
    const { send, fake } = setup()
    fake.platform.verifyCredentials = async () => {
      throw new BackendError(code, `BigCommerce said ${code}.`)
    }
    const response = await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } })
    expect(response.status).toBe(statusForCode(code))
    expect(await errorOf(response)).toEqual({ code, message: `BigCommerce said ${code}.` })
  })

  it('hides unexpected errors behind a generic 500', async () => {
    const { send, fake, onUnexpectedError } = setup()
    fake.platform.verifyCredentials = async () => {
      throw new Error('database exploded at token-abc1')
    }
    const response = await send(apiPaths.accounts, { body: { connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' } })
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain('token-abc1')
    expect(errorBodySchema.parse(JSON.parse(text)).error.code).toBe('internal')
    expect(onUnexpectedError).toHaveBeenCalledOnce()
  })

  it('saves, tests and reverts a trigger; an incomplete one is named at its field', async () => {
    const { send, service } = setup()
    const automation = await service.createAutomation({ name: 'Orders' })
    const incomplete = await send(pathFor(apiPaths.triggerSave, { automationId: automation.id }), { body: {} })
    expect(incomplete.status).toBe(422)
    expect(await errorOf(incomplete)).toMatchObject({ code: 'incomplete_trigger', field: 'connector' })

    const reverted = await send(pathFor(apiPaths.triggerRevert, { automationId: automation.id }), { body: {} })
    expect(reverted.status).toBe(409)
  })

  it('answers 404 in the error shape for an unknown path', async () => {
    const { send } = setup()
    const response = await send('/api/nothing')
    expect(response.status).toBe(404)
    expect((await errorOf(response)).code).toBe('not_found')
  })
})

describe('the webhook receiver', () => {
  it('stores a delivery with the right secret and answers 200 at once; a repeat is a duplicate', async () => {
    const { send, storage, triggerId, secret } = await savedTrigger()
    const first = await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ status: 'stored' })
    const again = await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } })
    expect(await again.json()).toEqual({ status: 'duplicate' })
    expect(await storage.listDeliveries(triggerId, 50)).toHaveLength(1)
  })

  it('answers 503 with Retry-After when storage cannot take the delivery, so BigCommerce retries it', async () => {
    const { send, storage, triggerId, secret } = await savedTrigger()
    storage.insertDelivery = () => Promise.reject(new BackendError('storage_unavailable', 'The deliveries could not be stored just now.'))
    const response = await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } })
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('5')
    expect((await errorOf(response)).code).toBe('storage_unavailable')
  })

  it("answers 503 with Retry-After, not 500, when the database's connection fails anywhere: the lookup, an API read or write", async () => {
    const { send, storage, triggerId, secret, onUnexpectedError } = await savedTrigger()
    const refused = () =>
      Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }))
    storage.getDeliveryTarget = refused
    storage.listAutomations = refused
    storage.getAccount = refused
    for (const response of [
      await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } }),
      await send(apiPaths.automations),
      await send(pathFor(apiPaths.account, { accountId: 'acc-1' }), { method: 'PATCH', body: { name: 'Renamed' } }),
    ]) {
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('5')
      expect(await errorOf(response)).toEqual({
        code: 'storage_unavailable',
        message: 'The database is unavailable just now. Try again in a few seconds.',
      })
    }
    // The cause is logged (not shown): an operator needs to know why.
    expect(onUnexpectedError).toHaveBeenCalledTimes(3)
  })

  it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
    const { send, storage, triggerId } = await savedTrigger()
    const wrong = await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: 'guess' } })
    expect(wrong.status).toBe(401)
    expect((await errorOf(wrong)).code).toBe('unauthorized')
    expect((await send(webhookPath(triggerId), { body: callback })).status).toBe(401)
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])
  })

  it('checks a signature over the body exactly as it arrived, and refuses a bad one with 401 in the error shape', async () => {
    const clientSecret = 'h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q'
    const { send, storage, triggerId, secret } = await savedTrigger({ clientSecret })
    // Spacing and key order as a sender may write them: a re-serialised body would not match.
    const rawBody = `{ "producer": "stores/abc123", "scope": "store/order/created", "store_id": "555",
      "data": { "type": "order", "id": 9 }, "hash": "abc", "created_at": 1767225600 }`
    const at = new Date()
    const headers = {
      [TRIGGER_SECRET_HEADER]: secret,
      'webhook-id': 'msg_2',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(btoa(clientSecret)).sign('msg_2', at, rawBody),
    }
    const reordered = await send(webhookPath(triggerId), { body: callback, headers })
    expect(reordered.status).toBe(401)
    expect(await errorOf(reordered)).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('webhook-signature') })
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])

    const exact = await send(webhookPath(triggerId), { body: rawBody, headers })
    expect(exact.status).toBe(200)
    expect(await exact.json()).toEqual({ status: 'stored' })
  })

  it('refuses a delivery with text PostgreSQL cannot hold at its field, and finds no trigger at an address with a NUL', async () => {
    const { send, storage, triggerId, secret } = await savedTrigger()
    const headers = { [TRIGGER_SECRET_HEADER]: secret }
    for (const hash of ['ab\u0000cd', 'ab\udc00cd']) {
      const refused = await send(webhookPath(triggerId), { body: JSON.stringify({ ...callback, hash }), headers })
      expect(refused.status).toBe(422)
      expect(await errorOf(refused)).toMatchObject({ code: 'validation_failed', field: 'hash' })
    }
    const getDeliveryTarget = vi.spyOn(storage, 'getDeliveryTarget')
    const address = await send(webhookPath(`${triggerId}\u0000`), { body: callback, headers })
    expect(address.status).toBe(404)
    expect(getDeliveryTarget).not.toHaveBeenCalled()
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])
  })

  it('takes BigCommerce’s JSON whatever parameters its Content-Type has', async () => {
    const { send, triggerId, secret } = await savedTrigger()
    const response = await send(webhookPath(triggerId), {
      body: callback,
      headers: { [TRIGGER_SECRET_HEADER]: secret, 'content-type': 'application/json; charset=utf-8' },
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'stored' })
  })

  it('answers 404 for an unknown trigger, 400 for bad JSON, 415 for another type, 422 for a body that is not a callback', async () => {
    const { send, storage, triggerId, secret } = await savedTrigger()
    const headers = { [TRIGGER_SECRET_HEADER]: secret }
    expect((await send(webhookPath('unknown'), { body: callback, headers })).status).toBe(404)
    const notJson = await send(webhookPath(triggerId), { body: '{oops', headers })
    expect(notJson.status).toBe(400)
    expect((await errorOf(notJson)).code).toBe('malformed_json')
    const form = await send(webhookPath(triggerId), {
      body: JSON.stringify(callback),
      headers: { ...headers, 'content-type': 'text/plain' },
    })
    expect(form.status).toBe(415)
    expect((await errorOf(form)).code).toBe('unsupported_media_type')
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])
    const invalid = await send(webhookPath(triggerId), { body: { ...callback, producer: 'stores/other1' }, headers })
    expect(invalid.status).toBe(422)
    expect(await errorOf(invalid)).toMatchObject({ code: 'validation_failed', field: 'producer' })
  })

  it('refuses a body over 64 KB, by its declared length and by the bytes that arrive', async () => {
    const { app, triggerId, secret } = await savedTrigger()
    const big = JSON.stringify({ ...callback, padding: 'x'.repeat(WEBHOOK_BODY_LIMIT_BYTES) })
    const declared = await app.request(webhookPath(triggerId), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TRIGGER_SECRET_HEADER]: secret, 'content-length': String(big.length) },
      body: big,
    })
    expect(declared.status).toBe(413)
    expect((await errorOf(declared)).code).toBe('payload_too_large')

    const bytes = new TextEncoder().encode(big)
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 8192) controller.enqueue(bytes.slice(offset, offset + 8192))
        controller.close()
      },
    })
    const undeclared = await app.request(
      new Request(`http://localhost${webhookPath(triggerId)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TRIGGER_SECRET_HEADER]: secret },
        body: streamed,
        duplex: 'half',
      } as RequestInit),
    )
    expect(undeclared.status).toBe(413)
  })
})

describe('deliveries and resources', () => {
  it('lists the trigger’s deliveries newest first and fetches the record behind one', async () => {
    const { send, fake, automationId, triggerId, secret } = await savedTrigger()
    for (const id of [1, 2]) {
      await send(webhookPath(triggerId), {
        body: { ...callback, hash: `h${id}`, data: { type: 'order', id } },
        headers: { [TRIGGER_SECRET_HEADER]: secret },
      })
    }
    const listed = await send(pathFor(apiPaths.triggerDeliveries, { automationId: automationId }))
    expect(listed.status).toBe(200)
    const { deliveries } = await listed.json()
    expect(deliveries.map((delivery: { payload: { data: { id: number } } }) => delivery.payload.data.id)).toEqual([2, 1])

    fake.setResource({ type: 'order', id: 2 }, { id: 2, status: 'Pending' })
    const fetched = await send(pathFor(apiPaths.triggerResource, { automationId: automationId }), {
      body: { payload: deliveries[0].payload },
    })
    expect(fetched.status).toBe(200)
    expect(await fetched.json()).toMatchObject({
      resource: { id: 2, status: 'Pending' },
      request: 'GET Order 2',
      readScope: { label: 'Orders: read-only', parameter: 'store_v2_orders_read_only' },
    })
  })

  it('answers 422 naming the field for a payload of another store, and 404 with words for a gone record', async () => {
    const { send, automationId } = await savedTrigger()
    const wrongStore = await send(pathFor(apiPaths.triggerResource, { automationId: automationId }), {
      body: { payload: { ...callback, producer: 'stores/xyz789' } },
    })
    expect(wrongStore.status).toBe(422)
    expect(await errorOf(wrongStore)).toMatchObject({ code: 'validation_failed', field: 'payload.producer' })
    const notACallback = await send(pathFor(apiPaths.triggerResource, { automationId: automationId }), {
      body: { payload: { ...callback, created_at: 'soon' } },
    })
    expect(await errorOf(notACallback)).toMatchObject({ code: 'validation_failed', field: 'payload.created_at' })

    const gone = await send(pathFor(apiPaths.triggerResource, { automationId: automationId }), { body: { payload: callback } })
    expect(gone.status).toBe(404)
    expect(await errorOf(gone)).toEqual({
      code: 'not_found',
      message: 'Order 9 no longer exists in Store abc123 (it may have been deleted). Test with a newer event.',
    })
  })
})

describe('the delivery log', () => {
  it('pages by cursor, filters by the query string, opens one delivery, and says which parameter is wrong', async () => {
    const { send, automationId, triggerId, secret } = await savedTrigger()
    for (const id of [1, 2, 3]) {
      await send(webhookPath(triggerId), {
        body: { ...callback, hash: `h${id}`, data: { type: 'order', id } },
        headers: { [TRIGGER_SECRET_HEADER]: secret },
      })
    }
    await send(webhookPath(triggerId), {
      body: { ...callback, hash: 'h2', data: { type: 'order', id: 2 } },
      headers: { [TRIGGER_SECRET_HEADER]: secret },
    })
    const first = await (await send(`${pathFor(apiPaths.triggerDeliveries, { automationId: automationId })}?limit=2`)).json()
    expect(first.deliveries.map((delivery: { payload: { data: { id: number } } }) => delivery.payload.data.id)).toEqual([3, 2])
    expect(first.deliveries[1]).toMatchObject({ duplicates: 1, authenticatedBy: 'secret' })
    const next = await (
      await send(`${pathFor(apiPaths.triggerDeliveries, { automationId: automationId })}?limit=2&cursor=${first.nextCursor}`)
    ).json()
    expect(next).toMatchObject({ deliveries: [{ payload: { data: { id: 1 } } }], nextCursor: null })
    const searched = await (
      await send(`${pathFor(apiPaths.triggerDeliveries, { automationId: automationId })}?search=${encodeURIComponent('"id":2')}`)
    ).json()
    expect(searched.deliveries).toHaveLength(1)

    const one = await send(pathFor(apiPaths.triggerDelivery, { automationId: automationId, deliveryId: first.deliveries[0].id }))
    expect(await one.json()).toEqual(first.deliveries[0])
    expect((await send(pathFor(apiPaths.triggerDelivery, { automationId: automationId, deliveryId: 'gone' }))).status).toBe(404)

    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
      ['event=store/nothing', 'event'],
      ['from=yesterday', 'from'],
      ['cursor=nope', 'cursor'],
    ]) {
      const refused = await send(`${pathFor(apiPaths.triggerDeliveries, { automationId: automationId })}?${query}`)
      expect(refused.status).toBe(422)
      expect((await errorOf(refused)).field).toBe(field)
    }
  })
})

/** Reads a listen stream's events as they come; `next()` resolves with the next one, or null at its end. */
function sseReader(response: Response) {
  const body = response.body
  if (!body) throw new Error('no stream')
  const reader = body.pipeThrough(new TextDecoderStream()).getReader()
  const queue: SseEvent[] = []
  const parser = createSseParser((event) => queue.push(event))
  return {
    async next(): Promise<SseEvent | null> {
      while (queue.length === 0) {
        const { done, value } = await reader.read()
        if (done) return null
        parser.push(value)
      }
      return queue.shift() ?? null
    },
    cancel: () => reader.cancel(),
  }
}

describe('Listen for an event (Server-Sent Events)', () => {
  it('streams ready, then the delivery stored while listening, and closes the stream', async () => {
    const { app, send, automationId, triggerId, secret, onListenStream } = await savedTrigger()
    const response = await app.request(pathFor(apiPaths.triggerListen, { automationId: automationId }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = sseReader(response)
    expect(await events.next()).toEqual({
      event: 'ready',
      data: JSON.stringify({ event: 'store/order/created', timeoutMs: 120_000 }),
      id: undefined,
    })
    expect(onListenStream).toHaveBeenLastCalledWith({ phase: 'opened', automationId, openStreams: 1 })

    const stored = await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } })
    expect(await stored.json()).toEqual({ status: 'stored' })
    const delivery = await events.next()
    expect(delivery).toMatchObject({ event: 'delivery', id: expect.any(String) })
    expect(JSON.parse(delivery?.data ?? '')).toMatchObject({ payload: callback, duplicates: 0, authenticatedBy: 'secret' })
    expect(await events.next()).toBeNull()
    expect(onListenStream).toHaveBeenLastCalledWith({ phase: 'closed', automationId, openStreams: 0, reason: 'delivered' })
  })

  it('ends with an end event when the wait times out, on the server too', async () => {
    const { app, automationId, onListenStream } = await savedTrigger({ listenTimeoutMs: 30 })
    const events = sseReader(await app.request(pathFor(apiPaths.triggerListen, { automationId: automationId })))
    expect((await events.next())?.event).toBe('ready')
    expect(await events.next()).toEqual({ event: 'end', data: '{"reason":"timeout"}', id: undefined })
    expect(await events.next()).toBeNull()
    expect(onListenStream).toHaveBeenLastCalledWith({ phase: 'closed', automationId, openStreams: 0, reason: 'timeout' })
  })

  it.each(['cancels the response body', 'aborts the request'])('stops listening when the client %s (Cancel)', async (how) => {
    const { app, send, storage, automationId, triggerId, secret, onListenStream } = await savedTrigger()
    const controller = new AbortController()
    const events = sseReader(
      await app.request(pathFor(apiPaths.triggerListen, { automationId: automationId }), { signal: controller.signal }),
    )
    expect((await events.next())?.event).toBe('ready')
    if (how === 'aborts the request') controller.abort()
    else await events.cancel()
    await vi.waitFor(() =>
      expect(onListenStream).toHaveBeenLastCalledWith({ phase: 'closed', automationId, openStreams: 0, reason: 'client_closed' }),
    )
    // Nobody listens any more; the delivery is stored as ever.
    expect(await (await send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } })).json()).toEqual({
      status: 'stored',
    })
    expect(await storage.listDeliveries(triggerId, 50)).toHaveLength(1)
  })

  it('refuses, as an ordinary error answer, to listen for a trigger never saved', async () => {
    const { send, service, onListenStream } = setup()
    const automation = await service.createAutomation({ name: 'Unsaved' })
    const response = await send(pathFor(apiPaths.triggerListen, { automationId: automation.id }))
    expect(response.status).toBe(409)
    expect((await errorOf(response)).code).toBe('conflict')
    expect(onListenStream).not.toHaveBeenCalled()
    expect((await send(pathFor(apiPaths.triggerListen, { automationId: 'nope' }))).status).toBe(404)
  })
})

describe('versions', () => {
  it('lists versions a page at a time, reads one, diffs two and restores one', async () => {
    const { send, service, automationId } = await savedTrigger()
    const { trigger } = await service.getAutomation({ automationId })
    const draft = trigger.draft
    for (let save = 2; save <= 22; save++) {
      await service.updateTriggerDraft({ automationId, draft: { ...draft, headers: [{ name: 'X-Save', value: String(save) }] } })
      await service.saveTrigger({ automationId })
    }

    const newest = await send(pathFor(apiPaths.triggerVersions, { automationId: automationId }))
    expect(newest.status).toBe(200)
    const page = await newest.json()
    expect(page.versions).toHaveLength(20)
    expect(page.versions[0]).toMatchObject({ version: 22, restoredFrom: null, config: { headers: [{ name: 'X-Save', value: '22' }] } })
    expect(page.nextBefore).toBe(3)
    const older = await (
      await send(`${pathFor(apiPaths.triggerVersions, { automationId: automationId })}?before=${page.nextBefore}`)
    ).json()
    expect(older).toMatchObject({ versions: [{ version: 2 }, { version: 1 }], nextBefore: null })

    const one = await send(pathFor(apiPaths.triggerVersion, { automationId: automationId, version: 2 }))
    expect(await one.json()).toEqual(older.versions[0])

    const diff = await send(`${pathFor(apiPaths.triggerDiff, { automationId: automationId })}?from=1&to=22`)
    expect(await diff.json()).toEqual({
      from: 1,
      to: 22,
      diff: {
        account: null,
        event: null,
        headers: [{ change: 'added', name: 'X-Save', previousName: null, from: null, to: '22', valueChanged: true, secret: false }],
      },
    })
    const fromDraft = await (await send(`${pathFor(apiPaths.triggerDiff, { automationId: automationId })}?from=draft&to=1`)).json()
    expect(fromDraft).toMatchObject({ from: 'draft', to: 1, diff: { headers: [{ change: 'removed', name: 'X-Save' }] } })

    const restored = await send(pathFor(apiPaths.triggerVersionRestore, { automationId: automationId, version: 1 }), { body: {} })
    expect(restored.status).toBe(200)
    expect(await restored.json()).toMatchObject({ trigger: { draft: { stage: 'configureTrigger', headers: [] }, draftRestoredFrom: 1 } })
  })

  it('answers 422 naming the parameter for a version that is not a number, and 404 for one never saved', async () => {
    const { send, automationId } = await savedTrigger()
    for (const [path, field] of [
      [`${pathFor(apiPaths.triggerVersions, { automationId: automationId })}?before=soon`, 'before'],
      [`${pathFor(apiPaths.triggerVersions, { automationId: automationId })}?before=0`, 'before'],
      [pathFor(apiPaths.triggerVersion, { automationId: automationId, version: 'x1' }), 'version'],
      [`${pathFor(apiPaths.triggerDiff, { automationId: automationId })}?from=1`, 'to'],
      [`${pathFor(apiPaths.triggerDiff, { automationId: automationId })}?from=saved&to=1`, 'from'],
    ] as const) {
      const response = await send(path)
      expect({ path, status: response.status, error: await errorOf(response) }).toMatchObject({
        path,
        status: 422,
        error: { code: 'validation_failed', field },
      })
    }
    const missing = await send(pathFor(apiPaths.triggerVersion, { automationId: automationId, version: 9 }))
    expect(missing.status).toBe(404)
    expect(await errorOf(missing)).toEqual({ code: 'not_found', message: 'This trigger has no version 9.' })
    expect((await send(pathFor(apiPaths.triggerVersionRestore, { automationId: automationId, version: 9 }), { body: {} })).status).toBe(404)
  })
})

describe('httpBackend over the app', () => {
  it('has the service itself usable as a TriggerBackend, in-process', async () => {
    const backend: TriggerBackend = setup().service
    expect((await backend.createAutomation({ name: 'In-process' })).name).toBe('In-process')
  })

  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('round-trips the whole flow and turns error bodies back into BackendErrors', async () => {
    const { app, fake } = setup()
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init)))
    const backend = httpBackend('http://localhost')

    const automation = await backend.createAutomation({ name: 'Orders' })
    const account = await backend.authorizeAccount({ connector: 'bigcommerce', storeHash: 'stores/abc123', accessToken: 'token-abc1' })
    expect(await backend.listAccounts()).toEqual([account])
    const draft: TriggerDraft = {
      stage: 'configureTrigger',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: account.id,
      event: 'store/product/created',
      headers: [{ name: 'X-Team', value: 'ops' }],
    }
    expect((await backend.updateTriggerDraft({ automationId: automation.id, draft })).trigger.draft).toEqual(draft)
    const test = await backend.testTrigger({ automationId: automation.id })
    expect(test).toMatchObject({ source: 'sample', event: 'store/product/created', payload: { producer: 'stores/abc123' } })
    const saved = await backend.saveTrigger({ automationId: automation.id })
    expect(saved.trigger.saved?.webhook.status).toBe('registered')
    await backend.updateTriggerDraft({ automationId: automation.id, draft: { ...draft, event: 'store/order/created' } })
    const reverted = await backend.revertTrigger({ automationId: automation.id })
    expect(reverted.trigger.draft.event).toBe('store/product/created')
    const versions = await backend.listTriggerVersions({ automationId: automation.id })
    expect(versions).toMatchObject({ versions: [{ version: 1, config: { event: 'store/product/created' } }], nextBefore: null })
    expect(await backend.listTriggerVersions({ automationId: automation.id, before: 1 })).toEqual({ versions: [], nextBefore: null })
    expect(await backend.getTriggerVersion({ automationId: automation.id, version: 1 })).toEqual(versions.versions[0])
    expect(await backend.diffTriggerVersions({ automationId: automation.id, from: 'draft', to: 1 })).toEqual({
      from: 'draft',
      to: 1,
      diff: { account: null, event: null, headers: [] },
    })
    expect((await backend.restoreTriggerVersion({ automationId: automation.id, version: 1 })).trigger.draftRestoredFrom).toBeNull()
    expect(await backend.listTriggerDeliveries({ automationId: automation.id })).toEqual({ deliveries: [], nextCursor: null })
    await expect(backend.fetchTriggerResource({ automationId: automation.id, payload: test.payload })).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
      message: 'Product 205 no longer exists in Store abc123 (it may have been deleted). Test with a newer event.',
    })
    fake.setResource(test.payload.data, { id: 205, name: 'Sample' })
    expect(await backend.fetchTriggerResource({ automationId: automation.id, payload: test.payload })).toEqual({
      resource: { id: 205, name: 'Sample' },
      fetchedAt: expect.any(String),
      request: 'GET Product 205',
      readScope: { label: 'Products: read-only', parameter: 'store_v2_products_read_only' },
    })
    expect(await backend.getInfo()).toEqual({ publicUrl: PUBLIC_URL, webhookHelp: null })
    expect(await backend.listAutomations()).toHaveLength(1)

    expect(await backend.renameAccount({ accountId: account.id, name: 'Main shop' })).toMatchObject({ name: 'Main shop' })
    await expect(backend.replaceAccountToken({ accountId: account.id, accessToken: 'token-xyz9' })).rejects.toMatchObject({
      code: 'invalid_credentials',
      field: 'accessToken',
    })
    await expect(backend.deleteAccount({ accountId: account.id })).rejects.toMatchObject({ code: 'conflict', status: 409 })
    await expect(backend.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'a b' })).rejects.toMatchObject({
      code: 'validation_failed',
      field: 'accessToken',
      status: 422,
    })
    await backend.deleteAutomation({ automationId: automation.id })
    await expect(backend.getAutomation({ automationId: automation.id })).rejects.toBeInstanceOf(BackendError)
    await backend.deleteAccount({ accountId: account.id })
    expect(await backend.listAccounts()).toEqual([])
  })

  it('listens through the stream: tells when ready, answers the delivery, and rejects when cancelled', async () => {
    const { app, send, automationId, triggerId, secret, onListenStream } = await savedTrigger()
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => app.fetch(new Request(input, init)))
    const backend = httpBackend('http://localhost')

    const delivered = backend.listenForDelivery(
      { automationId },
      {
        onReady: (ready) => {
          expect(ready).toEqual({ event: 'store/order/created', timeoutMs: 120_000 })
          void send(webhookPath(triggerId), { body: callback, headers: { [TRIGGER_SECRET_HEADER]: secret } })
        },
      },
    )
    expect(await delivered).toMatchObject({ status: 'delivered', delivery: { payload: callback } })

    const controller = new AbortController()
    const cancelled = backend.listenForDelivery({ automationId }, { signal: controller.signal, onReady: () => controller.abort() })
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
    await vi.waitFor(() => expect(onListenStream).toHaveBeenLastCalledWith(expect.objectContaining({ phase: 'closed', openStreams: 0 })))
  })
})
