import type { APIRequestContext } from '@playwright/test'
import type { Automation } from '../../src/contract/api'
import type { EventScope } from '../../src/contract/events'
import { expect, test } from './fixtures'
import { DEMO_STORE_HASH, DEMO_TOKEN, listHooks } from './simulator-api'
import { fetchAutomation } from './steps'

/**
 * `kill -9` of the server inside each BigCommerce call that a save or delete makes, then a
 * restart: the start-up run of the reconciler must leave the app and BigCommerce agreeing.
 * The gate holds the call, so the kill lands inside it; the held call then either reaches
 * BigCommerce (it acted, nobody heard the answer) or never does.
 */

const CREATE = { method: 'POST', path: /\/v3\/hooks$/ }
const DELETE = { method: 'DELETE', path: /\/v3\/hooks\/\d+$/ }
const LIST = { method: 'GET', path: /\/v3\/hooks$/ }

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true)
  return (await response.json()) as T
}

/** An automation with a complete draft for `event`, through the API as the UI would. */
async function draftFor(request: APIRequestContext, event: EventScope): Promise<string> {
  const account = await json<{ id: string }>(
    await request.post('/api/accounts', { data: { connector: 'bigcommerce', storeHash: DEMO_STORE_HASH, accessToken: DEMO_TOKEN } }),
  )
  const automation = await json<Automation>(await request.post('/api/automations', { data: { name: 'Crash test' } }))
  await setEvent(request, automation.id, account.id, event)
  return automation.id
}

async function setEvent(request: APIRequestContext, automationId: string, accountId: string, event: EventScope) {
  const draft = { stage: 'configureTrigger', connector: 'bigcommerce', trigger: 'bigcommerce', accountId, event, headers: [] }
  await json(await request.put(`/api/automations/${automationId}/trigger/draft`, { data: { draft } }))
}

/** Starts `call`, which dies with the server; resolves once it is inside the held BigCommerce call. */
async function killInside(
  stack: Parameters<Parameters<typeof test>[2]>[0]['stack'],
  match: { method: string; path: RegExp },
  call: () => Promise<unknown>,
  reached: boolean,
) {
  const held = stack.gate.hold(match)
  const answer = call().catch(() => 'cut off')
  const request = await held
  await stack.killServer()
  expect(await answer).toBe('cut off')
  if (reached) await request.forward()
  else request.drop()
  await stack.startServer()
}

/** What the app says about the hook equals what BigCommerce holds, once the start-up run is done. */
async function expectAgreement(request: APIRequestContext, simulatorUrl: string, automationId: string, event: EventScope) {
  await expect
    .poll(
      async () => {
        const automation = await fetchAutomation(request, automationId)
        const hooks = await listHooks(simulatorUrl)
        const { webhook, config } = automation.trigger.saved ?? {}
        return {
          app: { status: webhook?.status, hookId: webhook?.hookId, event: config?.event },
          bigcommerce: hooks.map((hook) => ({ status: hook.is_active ? 'registered' : 'inactive', hookId: hook.id, event: hook.scope })),
        }
      },
      // A dead server's lock frees itself within 15 s; the start-up run waits for it.
      { timeout: 40_000 },
    )
    .toEqual({
      app: { status: 'registered', hookId: expect.any(Number), event },
      bigcommerce: [{ status: 'registered', hookId: expect.any(Number), event }],
    })
  const automation = await fetchAutomation(request, automationId)
  const [hook] = await listHooks(simulatorUrl)
  expect(automation.trigger.saved?.webhook.hookId).toBe(hook?.id)
}

test.describe('a server killed inside a BigCommerce call agrees with BigCommerce after its restart', () => {
  test.setTimeout(120_000)

  for (const [what, match, reached] of [
    ['listing the hooks', LIST, true],
    ['creating the hook, which BigCommerce never got', CREATE, false],
    ['creating the hook, which BigCommerce made', CREATE, true],
  ] as const) {
    test(`first save, killed while ${what}`, async ({ request, stack }) => {
      const automationId = await draftFor(request, 'store/product/created')
      await killInside(stack, match, () => request.post(`/api/automations/${automationId}/trigger/save`, { data: {} }), reached)
      await expectAgreement(request, stack.simulatorUrl, automationId, 'store/product/created')
    })
  }

  for (const [what, match, reached] of [
    ['creating the new event’s hook, made at BigCommerce', CREATE, true],
    ['deleting the old hook, which BigCommerce never got: the orphan is cleaned up', DELETE, false],
  ] as const) {
    test(`changing the event, killed while ${what}`, async ({ request, stack }) => {
      const automationId = await draftFor(request, 'store/product/created')
      await json(await request.post(`/api/automations/${automationId}/trigger/save`, { data: {} }))
      const { trigger } = await fetchAutomation(request, automationId)
      await setEvent(request, automationId, trigger.draft.accountId ?? '', 'store/order/created')
      await killInside(stack, match, () => request.post(`/api/automations/${automationId}/trigger/save`, { data: {} }), reached)
      await expectAgreement(request, stack.simulatorUrl, automationId, 'store/order/created')
    })
  }

  test('deleting, killed while the hook is deleted: its late deliveries are accepted and dropped, then the hook goes', async ({
    request,
    stack,
  }) => {
    const automationId = await draftFor(request, 'store/product/created')
    const saved = await json<Automation>(await request.post(`/api/automations/${automationId}/trigger/save`, { data: {} }))
    await killInside(stack, DELETE, () => request.delete(`/api/automations/${automationId}`), false)
    // BigCommerce would retry a 404 for 48 hours, against our domain's success ratio.
    const late = await request.post(`/hooks/bigcommerce/${saved.trigger.id}`, {
      headers: { 'Content-Type': 'application/json' },
      data: {
        scope: 'store/product/created',
        store_id: '1',
        data: { type: 'product', id: 1 },
        hash: 'late',
        created_at: 1,
        producer: `stores/${DEMO_STORE_HASH}`,
      },
    })
    expect(late.status()).toBe(200)
    expect(await late.json()).toEqual({ status: 'discarded' })
    await expect.poll(async () => (await listHooks(stack.simulatorUrl)).length, { timeout: 40_000 }).toBe(0)
    expect((await request.get(`/api/automations/${automationId}`)).status()).toBe(404)
  })
})
