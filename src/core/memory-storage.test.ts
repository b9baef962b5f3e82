// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { deliveryStorageSuite } from './delivery-storage-suite'
import { createMemoryStorage } from './memory-storage'
import type { AccountRecord, DeliveryRecord } from './record-schemas'

const account: AccountRecord = {
  id: 'a1',
  connector: 'bigcommerce',
  storeHash: 'abc123',
  storeName: 'Demo',
  createdAt: '2026-01-01T00:00:00.000Z',
  accessToken: 'secret-token',
  storeId: null,
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
    duplicates: 0,
    authenticatedBy: 'secret',
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

  it('keeps every delivery until the purge, as the server does, newest first', async () => {
    const storage = createMemoryStorage()
    for (let index = 1; index <= 60; index += 1) await storage.insertDelivery(deliveryRecord(`h${index}`))
    const kept = await storage.listDeliveries('t1', 1000)
    expect(kept).toHaveLength(60)
    expect(kept[0]?.hash).toBe('h60')
    expect(await storage.listDeliveries('t1', 2)).toHaveLength(2)
  })

  it('reads deliveries of a snapshot written before duplicates were counted', async () => {
    const { duplicates: _duplicates, authenticatedBy: _authenticatedBy, ...older } = deliveryRecord('h1')
    const snapshot = JSON.stringify({ accounts: [], automations: [], deliveries: { t1: [older] } })
    expect(await createMemoryStorage(memoryPersist(snapshot)).listDeliveries('t1', 10)).toEqual([deliveryRecord('h1')])
  })
})

deliveryStorageSuite(async () => ({ storage: createMemoryStorage(), close: () => undefined }))
