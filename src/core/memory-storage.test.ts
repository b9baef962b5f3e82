// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createMemoryStorage, DELIVERIES_KEPT_PER_TRIGGER } from './memory-storage'
import type { AccountRecord, DeliveryRecord } from './record-schemas'

const account: AccountRecord = {
  id: 'a1',
  connector: 'bigcommerce',
  storeHash: 'abc123',
  storeName: 'Demo',
  createdAt: '2026-01-01T00:00:00.000Z',
  accessToken: 'secret-token',
  storeId: null,
  displayName: null,
  lastVerifiedAt: '2026-01-01T00:00:00.000Z',
  readScopes: null,
}

function deliveryRecord(hash: string): DeliveryRecord {
  return {
    id: `d-${hash}`,
    triggerId: 't1',
    hash,
    receivedAt: '2026-01-01T00:00:00.000Z',
    payload: {
      scope: 'store/order/created',
      store_id: '1',
      data: { type: 'order', id: 1 },
      hash,
      created_at: 1,
      producer: 'stores/abc123',
    },
  }
}

function memoryPersist(initial: string | null = null) {
  let stored = initial
  return { load: () => stored, save: (json: string) => void (stored = json), read: () => stored }
}

describe('createMemoryStorage', () => {
  it('comes back with what it saved', async () => {
    const persist = memoryPersist()
    await createMemoryStorage(persist).putAccount(account)
    expect(await createMemoryStorage(persist).listAccounts()).toEqual([account])
  })

  it('keeps the demo’s accounts saved before names, verification times and scopes were kept', async () => {
    const { displayName: _name, lastVerifiedAt: _verified, readScopes: _scopes, ...older } = account
    const storage = createMemoryStorage(memoryPersist(JSON.stringify({ accounts: [older], automations: [], deliveries: {} })))
    expect(await storage.listAccounts()).toEqual([older])
    await storage.deleteAccount('a1')
    expect(await storage.listAccounts()).toEqual([])
  })

  it.each(['{not json', '{"accounts":[{"id":1}],"automations":[],"deliveries":{}}', '[]'])(
    'discards a corrupt snapshot %j instead of trusting it',
    async (snapshot) => {
      const storage = createMemoryStorage(memoryPersist(snapshot))
      expect(await storage.listAccounts()).toEqual([])
      expect(await storage.listAutomations()).toEqual([])
    },
  )

  it('does not let a caller change stored rows by mutating a result', async () => {
    const storage = createMemoryStorage()
    await storage.putAccount(account)
    const [read] = await storage.listAccounts()
    if (read) read.storeName = 'changed'
    expect((await storage.getAccount('a1'))?.storeName).toBe('Demo')
  })

  it('drops a duplicate hash and keeps only the newest deliveries, newest first', async () => {
    const storage = createMemoryStorage()
    expect(await storage.insertDelivery(deliveryRecord('h0'))).toBe('inserted')
    expect(await storage.insertDelivery(deliveryRecord('h0'))).toBe('duplicate')
    for (let index = 1; index <= DELIVERIES_KEPT_PER_TRIGGER + 5; index += 1) {
      await storage.insertDelivery(deliveryRecord(`h${index}`))
    }
    const kept = await storage.listDeliveries('t1', 1000)
    expect(kept).toHaveLength(DELIVERIES_KEPT_PER_TRIGGER)
    expect(kept[0]?.hash).toBe(`h${DELIVERIES_KEPT_PER_TRIGGER + 5}`)
    expect(await storage.listDeliveries('t1', 2)).toHaveLength(2)
  })
})
