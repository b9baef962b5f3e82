// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { describeDeliveryLogStorage } from '../test/delivery-log-storage-suite'
import { createMemoryStorage } from './memory-storage'
import type { AccountRecord, DeliveryRecord } from './record-schemas'
import { describeTriggerVersionStorage } from '../test/trigger-versions-storage-suite'

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
    duplicates: 0,
    authenticatedBy: 'secret',
  }
}

function memoryPersist(initial: string | null = null) {
  let stored = initial
  return { load: () => stored, save: (json: string) => void (stored = json), read: () => stored }
}

function legacyVersion(version: number) {
  return {
    version,
    savedAt: `2026-01-0${version}T00:00:00.000Z`,
    config: { connector: 'bigcommerce', trigger: 'bigcommerce', accountId: 'a1', event: 'store/order/created', headers: [] },
    webhook: { status: 'not_registered', hookId: null, destination: null, detail: 'Set PUBLIC_URL.' },
  } as const
}

/** A demo's snapshot as the app wrote it before versions were rows. */
const legacyAutomation = {
  accounts: [account],
  automations: [
    {
      id: 'au1',
      name: 'Old one',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      trigger: {
        id: 't1',
        secret: 's',
        draft: {
          stage: 'test',
          connector: 'bigcommerce',
          trigger: 'bigcommerce',
          accountId: 'a1',
          event: 'store/order/created',
          headers: [],
        },
        saved: legacyVersion(3),
        history: [legacyVersion(2), legacyVersion(1)],
      },
    },
  ],
  deliveries: {},
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

  describeTriggerVersionStorage(() => createMemoryStorage())

  it('keeps versions across a reload of its snapshot', async () => {
    const persist = memoryPersist(JSON.stringify(legacyAutomation))
    const storage = createMemoryStorage(persist)
    const automation = await storage.getAutomation('au1')
    const [newest] = await storage.listTriggerVersions('t1', { limit: 1 })
    if (!automation || !newest) throw new Error('The snapshot did not load.')
    await storage.saveTriggerVersion(automation, { ...newest, version: 4, restoredFrom: 2 })
    const reloaded = createMemoryStorage(persist)
    expect((await reloaded.listTriggerVersions('t1', { limit: 20 })).map((row) => [row.version, row.restoredFrom])).toEqual([
      [4, 2],
      [3, null],
      [2, null],
      [1, null],
    ])
  })

  it('moves the versions a snapshot from before version rows kept inside the trigger into rows', async () => {
    const storage = createMemoryStorage(memoryPersist(JSON.stringify(legacyAutomation)))
    const automation = await storage.getAutomation('au1')
    expect(automation?.trigger.saved).toEqual({ ...legacyVersion(3), restoredFrom: null })
    expect(automation?.trigger.draftRestoredFrom).toBeNull()
    expect(automation?.trigger).not.toHaveProperty('history')
    expect(await storage.listTriggerVersions('t1', { limit: 20 })).toEqual(
      [3, 2, 1].map((version) => ({ ...legacyVersion(version), restoredFrom: null, triggerId: 't1' })),
    )
    expect(await storage.listAccounts()).toEqual([account])
  })

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

describeDeliveryLogStorage(() => createMemoryStorage())
