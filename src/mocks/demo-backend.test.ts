// @vitest-environment node
import { setupServer } from 'msw/node'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { httpBackend } from '../backend/http-backend'
import { DEMO_CREDENTIALS, DEMO_FULL_ACCOUNT, DEMO_LIMITED_CREDENTIALS, DEMO_STORE_HASH } from '../bigcommerce/simulator/demo-store'
import { signingSecretSchema } from '../contract/action-api'
import type { TriggerDraft } from '../contract/trigger-config'
import { callbackDataSchemas, eventScopeSchema, type Callback, type EventScope } from '../contract/events'
import { apiPaths, pathFor } from '../contract/routes'
import { runPageSchema } from '../contract/runs'
import { createDemoBackend, DEMO_BIN_URL, DEMO_PUBLIC_URL, type DemoBackend } from './demo-backend'
import { productToBinSteps, SEND_STEP_ID } from '../test/product-to-bin-steps'
import { createDemoHandlers } from './handlers'

let demo: DemoBackend = createDemoBackend()
// The handlers read `demo` at request time, so each test can start from a fresh demo.
const server = setupServer(
  ...createDemoHandlers(
    {
      get service() {
        return demo.service
      },
      get api() {
        return demo.api
      },
      get simulator() {
        return demo.simulator
      },
      fetchSimulator: (request) => demo.fetchSimulator(request),
      createRecord: (kind) => demo.createRecord(kind),
    },
    { apiOrigin: 'http://localhost' },
  ),
)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(async () => {
  // A test that started the action runner leaves nothing running into the next one.
  await demo.service.runner.stop()
  server.resetHandlers()
  demo = createDemoBackend()
})
afterAll(() => server.close())

const backend = httpBackend('http://localhost')

/** A call to the demo's API the UI's backend does not make yet, answered as the server would. */
async function callApi(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://localhost${path}`, {
    method,
    // JSON even without a body: the API refuses any other type (CSRF).
    headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`)
  return response.json()
}

async function authorizedAutomation(name: string, credentials = DEMO_CREDENTIALS) {
  const automation = await backend.createAutomation({ name })
  const account = await backend.authorizeAccount({
    connector: 'bigcommerce',
    storeHash: credentials.storeHash,
    accessToken: credentials.accessToken,
  })
  return { automation, account }
}

async function automationFor(event: EventScope, credentials = DEMO_CREDENTIALS) {
  const { automation, account } = await authorizedAutomation(`On ${event}`, credentials)
  await backend.updateTriggerDraft({
    automationId: automation.id,
    draft: { stage: 'test', connector: 'bigcommerce', trigger: 'bigcommerce', accountId: account.id, event, headers: [] },
  })
  return automation.id
}

/** The fields by which the record behind a delivery of `event` names what `data` points at. */
function identifiedBy(event: EventScope, data: Callback['data']): Record<string, unknown> {
  switch (event) {
    case 'store/product/created':
    case 'store/order/created':
    case 'store/customer/created':
      return { id: data.id }
    case 'store/cart/converted':
      // The converted cart is gone; its order is the record, and names the cart.
      return { id: data['orderId'], cart_id: data.id }
    case 'store/shipment/created':
      return { id: data.id, order_id: data['orderId'] }
    case 'store/sku/created': {
      const { sku } = callbackDataSchemas[event].parse(data)
      return { id: sku.variant_id, product_id: sku.product_id }
    }
  }
}

describe('the in-browser demo backend', () => {
  it('lets a user authorize the demo store and save and test a trigger for each of the six events', async () => {
    for (const event of eventScopeSchema.options) {
      const { automation, account } = await authorizedAutomation(`On ${event}`)
      expect(account).toMatchObject({ storeHash: DEMO_STORE_HASH })
      const draft: TriggerDraft = {
        stage: 'configureTrigger',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: account.id,
        event,
        headers: [{ name: 'X-Demo', value: 'yes' }],
      }
      await backend.updateTriggerDraft({ automationId: automation.id, draft })

      const test = await backend.testTrigger({ automationId: automation.id })
      // The seeded demo store has a record behind every event, so the test shows real data.
      expect(test.source).toBe('live')
      expect(test.payload.scope).toBe(event)
      expect(test.payload.producer).toBe(`stores/${DEMO_STORE_HASH}`)

      const saved = await backend.saveTrigger({ automationId: automation.id })
      expect(saved.trigger.saved).toMatchObject({
        version: 1,
        config: { event },
        webhook: { status: 'registered', destination: `${DEMO_PUBLIC_URL}/hooks/bigcommerce/${automation.trigger.id}` },
      })
    }
    expect(await backend.listAccounts()).toHaveLength(1)
    const hooks = demo.simulator.store(DEMO_STORE_HASH)?.hooks ?? []
    expect(hooks.map((hook) => hook.scope).sort()).toEqual([...eventScopeSchema.options].sort())
  })

  it('delivers a record created in the simulated store to the trigger, which the next test shows', async () => {
    const { automation, account } = await authorizedAutomation('New products')
    await backend.updateTriggerDraft({
      automationId: automation.id,
      draft: {
        stage: 'test',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: account.id,
        event: 'store/product/created',
        headers: [],
      },
    })
    await backend.saveTrigger({ automationId: automation.id })

    const product = demo.simulator.createProduct(DEMO_STORE_HASH)
    await demo.simulator.settled()
    expect(demo.simulator.deliveries.at(-1)).toMatchObject({ status: 200, scope: 'store/product/created' })

    const test = await backend.testTrigger({ automationId: automation.id })
    expect(test).toMatchObject({ source: 'delivered', payload: { data: { type: 'product', id: product.id } } })
  })

  it('fetches the record behind each of the six events’ test payload, as the connector’s action would', async () => {
    for (const event of eventScopeSchema.options) {
      const automationId = await automationFor(event)
      const test = await backend.testTrigger({ automationId })
      expect(test.source).toBe('live')
      const { resource, request, readScope } = await backend.fetchTriggerResource({ automationId, payload: test.payload })
      expect(resource).toMatchObject(identifiedBy(event, test.payload.data))
      expect(request).toMatch(/^GET \/v[23]\//)
      expect(readScope.parameter).toMatch(/^store_v2_\w+_read_only$/)
    }
  })

  it('lists delivered events to pick from, and fetches the record behind each', async () => {
    const automationId = await automationFor('store/product/created')
    await backend.saveTrigger({ automationId })
    const first = demo.simulator.createProduct(DEMO_STORE_HASH)
    const second = demo.simulator.createProduct(DEMO_STORE_HASH)
    await demo.simulator.settled()

    const { deliveries } = await backend.listTriggerDeliveries({ automationId })
    expect(deliveries.map((delivery) => delivery.payload.data.id)).toEqual([second.id, first.id])
    const test = await backend.testTrigger({ automationId })
    expect(test).toMatchObject({ source: 'delivered', deliveryId: deliveries[0]?.id })
    for (const delivery of deliveries) {
      const { resource } = await backend.fetchTriggerResource({ automationId, payload: delivery.payload })
      expect(resource['id']).toBe(delivery.payload.data.id)
    }
  })

  it('streams a product created in the simulated store to a listener, through msw', async () => {
    const automationId = await automationFor('store/product/created')
    await backend.saveTrigger({ automationId })
    let created: number | undefined
    const outcome = await backend.listenForDelivery(
      { automationId },
      { onReady: () => void (created = demo.simulator.createProduct(DEMO_STORE_HASH).id) },
    )
    expect(outcome).toMatchObject({ status: 'delivered', delivery: { payload: { scope: 'store/product/created', data: { id: created } } } })
  })

  it('says which OAuth scope is missing when the demo’s limited token fetches a product', async () => {
    const automationId = await automationFor('store/product/created', DEMO_LIMITED_CREDENTIALS)
    const test = await backend.testTrigger({ automationId })
    // Without Products: read-only the newest product cannot be read, so the sample stands in.
    expect(test.source).toBe('sample')
    expect(test.note).toBe(
      "The API account behind this token lacks Products: read-only (store_v2_products_read_only), so this is the example from BigCommerce's documentation.",
    )
    const error = await backend.fetchTriggerResource({ automationId, payload: test.payload }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'missing_scope', status: 422 })
    expect(error).toHaveProperty(
      'message',
      'The API account behind this token lacks the Products: read-only OAuth scope (store_v2_products_read_only). In BigCommerce, create an API account with that scope, then add it here with + Add New Account.',
    )
  })

  it('keeps the full and the limited token of the demo store as two accounts', async () => {
    const full = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_CREDENTIALS })
    const limited = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_LIMITED_CREDENTIALS })
    expect(limited.id).not.toBe(full.id)
    expect(await backend.listAccounts()).toEqual([full, limited])
    // Authorized again, it is the same account, verified again.
    const again = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_CREDENTIALS })
    expect(again).toEqual({ ...full, lastVerifiedAt: again.lastVerifiedAt, readScopes: again.readScopes })
  })

  it('checks what each token may read as it is authorized: the limited one lacks Products', async () => {
    const full = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_CREDENTIALS })
    const limited = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_LIMITED_CREDENTIALS })
    expect(full.readScopes?.areas).toEqual({ products: 'granted', orders: 'granted', customers: 'granted' })
    expect(limited.readScopes?.areas).toEqual({ products: 'missing', orders: 'granted', customers: 'granted' })
  })

  it('moves a saved trigger to a new token of the store even after the old token was revoked', async () => {
    const automationId = await automationFor('store/product/created')
    await backend.saveTrigger({ automationId })
    const rotated = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_LIMITED_CREDENTIALS })
    const { trigger } = await backend.getAutomation({ automationId })
    await backend.updateTriggerDraft({ automationId, draft: { ...trigger.draft, accountId: rotated.id } })
    // A revoked token is refused with 401, so the old hook cannot be deleted with it; BigCommerce
    // deletes an API account's hooks together with the account.
    demo.simulator.addFault({ method: 'DELETE', pathPattern: '/v3/hooks/\\d+$', status: 401 })

    const saved = await backend.saveTrigger({ automationId })
    expect(saved.trigger.saved).toMatchObject({ config: { accountId: rotated.id }, webhook: { status: 'registered' } })
    const hooks = demo.simulator.store(DEMO_STORE_HASH)?.hooks ?? []
    expect(hooks.filter((hook) => hook.destination === saved.trigger.saved?.webhook.destination)).toHaveLength(2)
  })

  it('serves the saved trigger’s health: a hook the store deactivated is seen, then reactivated', async () => {
    const automationId = await automationFor('store/product/created')
    await backend.saveTrigger({ automationId })
    demo.simulator.createProduct(DEMO_STORE_HASH)
    await demo.simulator.settled()
    const [hook] = demo.simulator.store(DEMO_STORE_HASH)?.hooks ?? []
    if (!hook) throw new Error('Save registered no hook')

    demo.simulator.deactivateHook(DEMO_STORE_HASH, hook.id)
    expect(await backend.getTriggerHealth({ automationId })).toMatchObject({
      status: 'deactivated',
      hookId: hook.id,
      deliveriesLast24h: 1,
      needsAttention: true,
    })
    expect((await backend.listAutomations())[0]?.trigger.health).toMatchObject({ status: 'deactivated', needsAttention: true })

    expect(await backend.reconcileTrigger({ automationId })).toMatchObject({ status: 'registered', needsAttention: false })
    expect(demo.simulator.store(DEMO_STORE_HASH)?.hooks).toEqual([expect.objectContaining({ id: hook.id, is_active: true })])
  })

  it('checks the simulated store’s signatures with the Client Secret: the right one takes deliveries, a wrong one refuses them', async () => {
    const saveWith = async (clientSecret: string) => {
      const account = await backend.authorizeAccount({ connector: 'bigcommerce', ...DEMO_CREDENTIALS, clientSecret })
      expect(account.signatureChecked).toBe(true)
      const automation = await backend.createAutomation({ name: 'Signed' })
      await backend.updateTriggerDraft({
        automationId: automation.id,
        draft: {
          stage: 'test',
          connector: 'bigcommerce',
          trigger: 'bigcommerce',
          accountId: account.id,
          event: 'store/customer/created',
          headers: [],
        },
      })
      await backend.saveTrigger({ automationId: automation.id })
      demo.simulator.createCustomer(DEMO_STORE_HASH)
      await demo.simulator.settled()
      return { automationId: automation.id, attempt: demo.simulator.deliveries.at(-1) }
    }

    const right = await saveWith(DEMO_FULL_ACCOUNT.clientSecret ?? '')
    expect(right.attempt).toMatchObject({ status: 200, headers: { 'webhook-signature': expect.stringMatching(/^v1,/) } })
    // Checked by its signature, and the log says so.
    expect((await backend.listTriggerDeliveries({ automationId: right.automationId })).deliveries).toMatchObject([
      { authenticatedBy: 'signature' },
    ])

    // The same token again with another secret replaces it: now BigCommerce's signature fails.
    await backend.deleteAutomation({ automationId: right.automationId })
    const wrong = await saveWith('not-the-client-secret')
    expect(wrong.attempt).toMatchObject({ status: 401 })
    expect(await backend.listTriggerDeliveries({ automationId: wrong.automationId })).toEqual({ deliveries: [], nextCursor: null })
  })

  it('says a record deleted from the store no longer exists', async () => {
    const automationId = await automationFor('store/order/created')
    const test = await backend.testTrigger({ automationId })
    const payload = { ...test.payload, data: { type: 'order', id: 999_999 } }
    await expect(backend.fetchTriggerResource({ automationId, payload })).rejects.toMatchObject({
      code: 'not_found',
      message: 'Order 999999 no longer exists in Demo Store (it may have been deleted). Test with a newer event.',
    })
  })

  it('answers a wrong token as BigCommerce would, at the form', async () => {
    await expect(
      backend.authorizeAccount({ connector: 'bigcommerce', storeHash: DEMO_STORE_HASH, accessToken: 'abcdefghijklmnopqrstuvwxyz01234' }),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })
  })

  it('keeps the demo across a reload when given somewhere to persist', async () => {
    let appJson: string | null = null
    let storeJson: string | null = null
    const persist = { load: () => appJson, save: (json: string) => void (appJson = json) }
    const persistStore = { load: () => storeJson, save: (json: string) => void (storeJson = json) }
    demo = createDemoBackend({ persist, persistStore })
    const { automation, account } = await authorizedAutomation('Orders')
    await backend.updateTriggerDraft({
      automationId: automation.id,
      draft: {
        stage: 'test',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: account.id,
        event: 'store/order/created',
        headers: [],
      },
    })
    await backend.saveTrigger({ automationId: automation.id })

    demo = createDemoBackend({ persist, persistStore })
    expect((await backend.getAutomation({ automationId: automation.id })).trigger.saved?.webhook.status).toBe('registered')
    expect(demo.simulator.store(DEMO_STORE_HASH)?.hooks).toHaveLength(1)
  })

  it('keeps what the request bin received, and its settings, across a reload, apart from the store', async () => {
    let binsJson: string | null = null
    const persistBins = { load: () => binsJson, save: (json: string) => void (binsJson = json) }
    demo = createDemoBackend({ persistBins })
    demo.simulator.bins.control('demo', { action: 'fail', status: 503, times: 2 })
    const answer = await fetch(DEMO_BIN_URL, { method: 'POST', body: '{"n":1}' })
    expect(answer.status).toBe(503)

    demo = createDemoBackend({ persistBins })
    expect(demo.simulator.bins.get('demo')).toMatchObject({
      settings: { failNext: 1 },
      requests: [{ body: '{"n":1}', status: 503 }],
    })
    // A snapshot it cannot read leaves the bin as it starts.
    binsJson = '{"bins":"not a list"}'
    demo = createDemoBackend({ persistBins })
    expect(demo.simulator.bins.get('demo')).toMatchObject({ requests: [], settings: { failNext: 0 } })
  })

  it('runs an active automation’s steps for a product created in the store: Get Product, then an HTTP Request to its request bin, signed', async () => {
    const { automationId, secret } = await automationSendingProductsToTheBin()
    demo.service.runner.start()

    const product = demo.simulator.createProduct(DEMO_STORE_HASH, { name: 'Say "hi" mug' })
    await vi.waitFor(() => expect(demo.simulator.bins.get('demo').requests).toHaveLength(1))

    const [received] = demo.simulator.bins.get('demo').requests
    expect(received).toMatchObject({ method: 'POST', path: '/bin/demo', status: 200 })
    expect(JSON.parse(received?.body ?? '')).toEqual({ id: product.id, name: 'Say "hi" mug' })
    // Any Standard Webhooks library checks it with the secret shown once.
    expect(new Webhook(secret).verify(received?.body ?? '', received?.headers ?? {})).toEqual({ id: product.id, name: 'Say "hi" mug' })
    await vi.waitFor(async () =>
      expect(runPageSchema.parse(await callApi('GET', pathFor(apiPaths.runs, { automationId }))).runs).toMatchObject([
        { state: 'success', stepsSucceeded: 2 },
      ]),
    )
  })

  it('tells a run that its request bin is down, and keeps what the bin was sent', async () => {
    const { automationId } = await automationSendingProductsToTheBin()
    demo.simulator.bins.control('demo', { action: 'down', status: 503 })
    demo.service.runner.start()

    demo.simulator.createProduct(DEMO_STORE_HASH)
    await vi.waitFor(async () =>
      expect(runPageSchema.parse(await callApi('GET', pathFor(apiPaths.runs, { automationId }))).runs).toMatchObject([
        { state: 'retrying', stepsSucceeded: 1, message: 'api.bigcommerce.com answered 503.' },
      ]),
    )
    expect(demo.simulator.bins.get('demo').requests).toMatchObject([{ status: 503 }])
  })
})

/** An active Product Created automation whose steps are Get Product, then an HTTP Request to the demo's request bin. */
async function automationSendingProductsToTheBin() {
  const automationId = await automationFor('store/product/created')
  const { trigger } = await backend.getAutomation({ automationId })
  const steps = productToBinSteps({
    accountId: trigger.draft.accountId ?? '',
    url: DEMO_BIN_URL,
    body: '{"id": {{trigger.data.id}}, "name": {{steps.getproduct.name}}}',
  })
  await backend.updateTriggerDraft({ automationId, draft: { ...trigger.draft, steps } })
  const { secret } = signingSecretSchema.parse(
    await callApi('POST', pathFor(apiPaths.signingSecret, { automationId, stepId: SEND_STEP_ID })),
  )
  await backend.saveTrigger({ automationId })
  await callApi('PUT', pathFor(apiPaths.automationActive, { automationId }), { active: true })
  return { automationId, secret }
}
