// @vitest-environment node
import { createTriggerService } from '../trigger-service'
import { describe, expect, it } from 'vitest'
import { type TriggerDraft } from '../../contract/trigger-config'
import { createMemoryStorage } from '../memory-storage'
import { fakePlatform } from '../fake-store-platform'
import { configured, delivery, rejection, secretOf, setup, PUBLIC_URL, HELP } from './service-fixtures'

describe('listTriggerDeliveries', () => {
  it('lists the last 10 deliveries newest first, as received', async () => {
    const { service, storage, automationId, triggerId } = await configured()
    expect(await service.listTriggerDeliveries({ automationId })).toEqual({ deliveries: [], nextCursor: null })
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    for (let index = 1; index <= 12; index++) {
      await service.receiveDelivery({
        triggerId,
        secretHeader: secret,
        body: delivery({ hash: `h-${index}`, data: { type: 'order', id: index } }),
      })
    }
    const { deliveries: listed, nextCursor } = await service.listTriggerDeliveries({ automationId })
    expect(listed).toHaveLength(10)
    expect(listed.map((entry) => entry.payload.data.id)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3])
    expect(listed[0]).toEqual({
      id: expect.any(String),
      receivedAt: expect.any(String),
      payload: delivery({ hash: 'h-12', data: { type: 'order', id: 12 } }),
      duplicates: 0,
      authenticatedBy: 'secret',
    })
    const rest = await service.listTriggerDeliveries({ automationId, cursor: nextCursor ?? '' })
    expect(rest.deliveries.map((entry) => entry.payload.data.id)).toEqual([2, 1])
    expect(rest.nextCursor).toBeNull()
  })

  it('filters by time and by text inside the payload, and opens one delivery by id', async () => {
    const { service, storage, automationId, triggerId } = await configured()
    await service.saveTrigger({ automationId })
    const secret = await secretOf(storage, automationId)
    for (const id of [101, 202, 303]) {
      await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: `h-${id}`, data: { type: 'order', id } }) })
    }
    const all = (await service.listTriggerDeliveries({ automationId })).deliveries
    const [third, second, first] = all
    if (!first || !second || !third) throw new Error('expected three deliveries')
    const ids = async (query: Parameters<typeof service.listTriggerDeliveries>[0]) =>
      (await service.listTriggerDeliveries(query)).deliveries.map((entry) => entry.payload.data.id)
    expect(await ids({ automationId, search: '"id":202' })).toEqual([202])
    expect(await ids({ automationId, search: 'H-30' })).toEqual([303])
    expect(await ids({ automationId, from: second.receivedAt })).toEqual([303, 202])
    expect(await ids({ automationId, to: second.receivedAt })).toEqual([101])
    expect(await ids({ automationId, event: 'store/product/created' })).toEqual([])
    expect(await service.getTriggerDelivery({ automationId, deliveryId: first.id })).toEqual(first)
    expect(await rejection(service.getTriggerDelivery({ automationId, deliveryId: 'gone' }))).toMatchObject({ code: 'not_found' })
  })

  it('refuses a cursor it did not write, at the field', async () => {
    const { service, automationId } = await configured()
    expect(await rejection(service.listTriggerDeliveries({ automationId, cursor: 'bm9wZQ' }))).toMatchObject({
      code: 'validation_failed',
      field: 'cursor',
    })
  })

  it('does not know an unknown automation', async () => {
    const { service } = setup()
    expect(await rejection(service.listTriggerDeliveries({ automationId: 'nope' }))).toMatchObject({ code: 'not_found' })
  })
})

describe('purgeExpiredDeliveries', () => {
  it('deletes the deliveries older than the retention, and keeps the rest', async () => {
    const storage = createMemoryStorage()
    let now = new Date('2026-03-01T00:00:00.000Z')
    const fake = fakePlatform()
    const service = createTriggerService({
      storage,
      platform: fake.platform,
      config: { publicUrl: PUBLIC_URL, webhookHelp: HELP, now: () => now, retentionDays: 30 },
    })
    const account = await service.authorizeAccount({ connector: 'bigcommerce', storeHash: 'abc123', accessToken: 'token-abc1' })
    const automation = await service.createAutomation({ name: 'Orders' })
    const draft: TriggerDraft = {
      stage: 'test',
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: account.id,
      event: 'store/order/created',
      headers: [],
    }
    await service.updateTriggerDraft({ automationId: automation.id, draft })
    await service.saveTrigger({ automationId: automation.id })
    const secret = await secretOf(storage, automation.id)
    const triggerId = automation.trigger.id
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'old' }) })
    now = new Date('2026-03-20T00:00:00.000Z')
    await service.receiveDelivery({ triggerId, secretHeader: secret, body: delivery({ hash: 'recent' }) })

    now = new Date('2026-03-31T00:00:00.001Z')
    expect(await service.purgeExpiredDeliveries()).toBe(1)
    expect((await storage.listDeliveries(triggerId, 50)).map((entry) => entry.hash)).toEqual(['recent'])
    expect(await service.purgeExpiredDeliveries()).toBe(0)
  })
})
