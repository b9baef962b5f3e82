// @vitest-environment node
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { httpBackend } from '../backend/http-backend'
import { DEMO_CREDENTIALS, DEMO_STORE_HASH } from '../bigcommerce/simulator/demo-store'
import type { TriggerDraft } from '../contract/api'
import { eventScopeSchema } from '../contract/events'
import { createDemoBackend, DEMO_PUBLIC_URL, type DemoBackend } from './demo-backend'
import { createDemoHandlers } from './handlers'

let demo: DemoBackend = createDemoBackend()
// The handlers read `demo` at request time, so each test can start from a fresh demo.
const server = setupServer(
  ...createDemoHandlers({
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
  }, { apiOrigin: 'http://localhost' }),
)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  demo = createDemoBackend()
})
afterAll(() => server.close())

const backend = httpBackend('http://localhost')

async function authorizedAutomation(name: string) {
  const automation = await backend.createAutomation({ name })
  const account = await backend.authorizeAccount({
    connector: 'bigcommerce',
    storeHash: DEMO_CREDENTIALS.storeHash,
    accessToken: DEMO_CREDENTIALS.accessToken,
  })
  return { automation, account }
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
      draft: { stage: 'test', connector: 'bigcommerce', trigger: 'bigcommerce', accountId: account.id, event: 'store/product/created', headers: [] },
    })
    await backend.saveTrigger({ automationId: automation.id })

    const product = demo.simulator.createProduct(DEMO_STORE_HASH)
    await demo.simulator.settled()
    expect(demo.simulator.deliveries.at(-1)).toMatchObject({ status: 200, scope: 'store/product/created' })

    const test = await backend.testTrigger({ automationId: automation.id })
    expect(test).toMatchObject({ source: 'delivered', payload: { data: { type: 'product', id: product.id } } })
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
      draft: { stage: 'test', connector: 'bigcommerce', trigger: 'bigcommerce', accountId: account.id, event: 'store/order/created', headers: [] },
    })
    await backend.saveTrigger({ automationId: automation.id })

    demo = createDemoBackend({ persist, persistStore })
    expect((await backend.getAutomation({ automationId: automation.id })).trigger.saved?.webhook.status).toBe('registered')
    expect(demo.simulator.store(DEMO_STORE_HASH)?.hooks).toHaveLength(1)
  })
})
