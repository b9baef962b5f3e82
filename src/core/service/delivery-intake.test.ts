// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Webhook } from 'standardwebhooks'
import { timeOrderedId } from './context'
import { configured, delivery, rejection, secretOf, setup } from './service-fixtures'

describe('receiveDelivery', () => {
  async function saved() {
    const context = await configured()
    await context.service.saveTrigger({ automationId: context.automationId })
    return { ...context, secret: await secretOf(context.storage, context.automationId) }
  }

  it('stores a delivery with the right secret, and counts the same hash again instead of storing it twice', async () => {
    const { service, storage, triggerId, secret } = await saved()
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })).toEqual({ status: 'stored' })
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })).toEqual({ status: 'duplicate' })
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })).toEqual({ status: 'duplicate' })
    const deliveries = await storage.listDeliveries(triggerId, 50)
    expect(deliveries).toHaveLength(1)
    expect(deliveries[0]).toMatchObject({ payload: delivery(), duplicates: 2, authenticatedBy: 'secret' })
  })

  it.each([null, '', 'wrong', 'x'.repeat(64)])('refuses the secret %j and stores nothing', async (secretHeader) => {
    const { service, storage, triggerId } = await saved()
    expect(await rejection(service.receiveDelivery({ triggerId, secretHeader, body: delivery() }))).toMatchObject({ code: 'unauthorized' })
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])
  })

  it('shows the last refused delivery in the health until one is stored after it, writing one a minute at most', async () => {
    let now = new Date('2026-03-01T09:00:00.000Z')
    const { service, storage, automationId, triggerId } = await configured('store/order/created', { now: () => now })
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    const health = () => service.getTriggerHealth({ automationId })
    expect(await health()).toMatchObject({ lastRefusal: null, needsAttention: false })

    await rejection(service.receiveDelivery({ triggerId, secretHeader: 'wrong', body: delivery() }))
    const wrongSecret = { at: '2026-03-01T09:00:00.000Z', reason: expect.stringContaining('header is missing or wrong') }
    expect(await health()).toMatchObject({ lastRefusal: wrongSecret, needsAttention: true })
    expect(JSON.stringify(await health())).not.toContain(secret)

    // Within the minute, another refusal writes nothing; after it, the newest is written.
    now = new Date('2026-03-01T09:00:30.000Z')
    await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ producer: 'stores/xyz789' }) }))
    expect((await health()).lastRefusal).toEqual(wrongSecret)
    now = new Date('2026-03-01T09:01:00.000Z')
    await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ producer: 'stores/xyz789' }) }))
    expect((await health()).lastRefusal).toEqual({
      at: '2026-03-01T09:01:00.000Z',
      reason: 'This delivery comes from a store the trigger does not listen to.',
    })

    // A delivery stored since: what caused the refusal was put right, so it is no longer shown.
    now = new Date('2026-03-01T09:02:00.000Z')
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery() })
    expect(await health()).toMatchObject({ lastRefusal: null, needsAttention: false, lastDeliveryAt: '2026-03-01T09:02:00.000Z' })
  })

  it('does not know an unknown trigger', async () => {
    const { service, secret } = await saved()
    expect(await rejection(service.receiveDelivery({ triggerId: 'other', secretHeader: secret, body: delivery() }))).toMatchObject({
      code: 'not_found',
    })
  })

  it('refuses a body that is not a BigCommerce callback, naming the field', async () => {
    const { service, triggerId, secret } = await saved()
    const error = await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: '' }) }))
    expect(error).toMatchObject({ code: 'validation_failed', field: 'hash' })
  })

  it('refuses a delivery from another store or for another event', async () => {
    const { service, storage, triggerId, secret } = await saved()
    expect(
      await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ producer: 'stores/xyz789' }) })),
    ).toMatchObject({ code: 'validation_failed', field: 'producer' })
    expect(
      await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ scope: 'store/product/created' }) })),
    ).toMatchObject({ code: 'validation_failed', field: 'scope' })
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])
  })
})

describe('receiveDelivery with a Client Secret', () => {
  const CLIENT_SECRET = 'h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q'
  const NOW = new Date('2026-01-01T12:00:00Z')

  // The signatures' 5-minute window is the package's, read from Date.now(): only Date is faked.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
  })
  afterEach(() => vi.useRealTimers())

  async function signedTrigger(clientSecret: string | undefined) {
    const context = setup()
    const { service } = context
    const account = await service.authorizeAccount({
      connector: 'bigcommerce',
      storeHash: 'abc123',
      accessToken: 'token-abc1',
      clientSecret,
    })
    const automation = await service.createAutomation({ name: 'Signed orders' })
    await service.updateTriggerDraft({
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
    await service.saveTrigger({ automationId: automation.id })
    return { ...context, triggerId: automation.trigger.id, secret: await secretOf(context.storage, automation.id) }
  }

  /** Signed as BigCommerce's sample verifies: `new Webhook(base64(CLIENT_SECRET))`. */
  function signed(body: Record<string, unknown>, { at = NOW, key = CLIENT_SECRET, id = 'msg_1' } = {}) {
    const rawBody = JSON.stringify(body)
    const signature = new Webhook(btoa(key)).sign(id, at, rawBody)
    return { body, signed: { rawBody, headers: { id, timestamp: String(Math.floor(at.getTime() / 1000)), signature } } }
  }

  it('stores a delivery BigCommerce signed with the account’s Client Secret', async () => {
    const { service, triggerId, secret } = await signedTrigger(CLIENT_SECRET)
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, ...signed(delivery()) })).toEqual({ status: 'stored' })
    // Four minutes late is still within the window.
    const late = signed(delivery({ hash: 'h-2' }), { at: new Date(NOW.getTime() - 4 * 60_000) })
    expect(await service.receiveDelivery({ triggerId, secretHeader: secret, ...late })).toEqual({ status: 'stored' })
  })

  it.each([
    ['an altered body', () => ({ ...signed(delivery()), body: delivery({ data: { type: 'order', id: 8 } }) }), 'does not match'],
    ['another key', () => signed(delivery(), { key: 'not-the-client-secret' }), 'does not match'],
    ['a timestamp 6 minutes old', () => signed(delivery(), { at: new Date(NOW.getTime() - 6 * 60_000) }), 'more than 5 minutes old'],
    ['a timestamp 6 minutes ahead', () => signed(delivery(), { at: new Date(NOW.getTime() + 6 * 60_000) }), 'more than 5 minutes ahead'],
  ])('refuses a signature over %s with 401 and stores nothing', async (_what, make, words) => {
    const { service, storage, triggerId, secret } = await signedTrigger(CLIENT_SECRET)
    const input = make()
    // The altered body keeps the signature made for the original one.
    const forged = { ...input, signed: { ...input.signed, rawBody: JSON.stringify(input.body) } }
    const error = await rejection(service.receiveDelivery({ triggerId, secretHeader: secret, ...forged }))
    expect(error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining(words) })
    expect(error.message).not.toContain(CLIENT_SECRET)
    expect(await storage.listDeliveries(triggerId, 50)).toEqual([])
  })

  it('still needs the secret header beside a good signature', async () => {
    const { service, triggerId } = await signedTrigger(CLIENT_SECRET)
    expect(await rejection(service.receiveDelivery({ triggerId, secretHeader: 'wrong', ...signed(delivery()) }))).toMatchObject({
      code: 'unauthorized',
    })
  })

  it('checks the secret header alone for an unsigned delivery, or for an account without a Client Secret', async () => {
    const withSecret = await signedTrigger(CLIENT_SECRET)
    expect(
      await withSecret.service.receiveDelivery({ triggerId: withSecret.triggerId, secretHeader: withSecret.secret, body: delivery() }),
    ).toEqual({
      status: 'stored',
    })
    const without = await signedTrigger(undefined)
    const unverifiable = signed(delivery(), { key: 'whatever-bigcommerce-used' })
    expect(await without.service.receiveDelivery({ triggerId: without.triggerId, secretHeader: without.secret, ...unverifiable })).toEqual({
      status: 'stored',
    })
  })
})

describe('timeOrderedId', () => {
  it('is a UUIDv7 whose text sorts as its time does', () => {
    const ids = ['2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.001Z', '2027-01-01T00:00:00.000Z'].map((at) =>
      timeOrderedId(new Date(at)),
    )
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(ids[0]?.slice(0, 13)).toBe(
      `${Date.UTC(2026, 11, 2, 10).toString(16).padStart(12, '0').slice(0, 8)}-${Date.UTC(2026, 11, 2, 10).toString(16).slice(-4)}`,
    )
    expect(timeOrderedId(new Date(0))).not.toBe(timeOrderedId(new Date(0)))
  })
})
