import { describe, expect, it } from 'vitest'
import type { Storage } from '../core/ports'
import type { AccountRecord, AutomationRecord, DeliveryRecord } from '../core/record-schemas'
import { describeDeliveryLogStorage } from '../test/delivery-log-storage-suite'
import { describeTriggerVersionStorage } from '../test/trigger-versions-storage-suite'
import { unsavedAutomation } from '../test/unsaved-automation'
import { MAX_QUEUED_DELIVERIES } from './group-commit'

/**
 * What every server storage adapter must do alike, run against SQLite (sqlite-storage.test.ts)
 * and PostgreSQL (postgres-storage.test.ts). `open` connects to the test's fresh, empty
 * database; calling it twice gives two connections to the same one, as two processes have.
 */
export type StorageHarness = { open(): Promise<Storage & { close(): void | Promise<void> }> }

export const TOKEN = 'abcdefghijklmnopqrstuvwxyz01234'

export const account: AccountRecord = {
  id: 'acc_1',
  connector: 'bigcommerce',
  storeHash: 'abc123',
  storeName: 'Demo Store',
  createdAt: '2026-01-01T00:00:00.000Z',
  accessToken: TOKEN,
  storeId: '1025646',
  displayName: null,
  lastVerifiedAt: '2026-01-01T00:00:00.000Z',
  readScopes: null,
}

const neverSaved = unsavedAutomation({ id: 'aut_1', name: 'New orders', triggerId: 'trg_1' })

export const automation: AutomationRecord = {
  ...neverSaved,
  trigger: {
    ...neverSaved.trigger,
    saved: {
      version: 1,
      savedAt: '2026-01-01T00:00:00.000Z',
      config: {
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: 'acc_1',
        event: 'store/order/created',
        headers: [{ name: 'X-Team', value: 'ops' }],
      },
      webhook: { status: 'registered', hookId: 42, destination: 'https://example.com/hooks/bigcommerce/trg_1', detail: null },
      restoredFrom: null,
    },
  },
}

export function delivery(id: string, hash: string, receivedAt: string): DeliveryRecord {
  return {
    id,
    triggerId: 'trg_1',
    hash,
    receivedAt,
    payload: {
      scope: 'store/order/created',
      store_id: '1025646',
      data: { type: 'order', id: 250 },
      hash,
      created_at: 1561479335,
      producer: 'stores/abc123',
    },
    duplicates: 0,
    authenticatedBy: 'secret',
  }
}

export function describeStorageContract(name: string, harness: StorageHarness) {
  const { open } = harness
  describe(`${name}: the storage contract`, () => {
    describeTriggerVersionStorage(open)
    describeDeliveryLogStorage(open)

    it('round-trips accounts, automations and deliveries', async () => {
      const storage = await open()
      await storage.putAccount(account)
      await storage.putAutomation(automation)
      expect(await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))).toBe('inserted')

      expect(await storage.listAccounts()).toEqual([account])
      expect(await storage.getAccount('acc_1')).toEqual(account)
      expect(await storage.getAccount('nope')).toBeUndefined()
      expect(await storage.listAutomations()).toEqual([automation])
      expect(await storage.getAutomation('aut_1')).toEqual(automation)
      expect(await storage.getAutomationByTriggerId('trg_1')).toEqual(automation)
      expect(await storage.getAutomationByTriggerId('nope')).toBeUndefined()
      expect(await storage.listDeliveries('trg_1', 10)).toEqual([delivery('d1', 'h1', '2026-01-01T00:00:01.000Z')])
      await storage.close()
    })

    it('stores a delivery’s payload and hash as they came, whatever characters they hold', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const plain = delivery('d1', 'h"1\\', '2026-01-01T00:00:01.000Z')
      const awkward: DeliveryRecord = {
        ...plain,
        payload: { ...plain.payload, note: 'a "quoted" \\ back\\slash, {braces}, 🛒 café', list: [1, '2', null, { nested: true }] },
      }
      expect(await storage.insertDelivery(awkward)).toBe('inserted')
      expect(await storage.listDeliveries('trg_1', 10)).toEqual([awkward])
      await storage.close()
    })

    it('answers the receiver’s view of a trigger: its secret, saved event and account’s store', async () => {
      const storage = await open()
      expect(await storage.getDeliveryTarget('trg_1')).toBeUndefined()
      await storage.putAutomation({ ...automation, trigger: { ...automation.trigger, saved: null } })
      expect(await storage.getDeliveryTarget('trg_1')).toEqual({ secret: 'shh', savedEvent: null, account: null })
      await storage.putAutomation(automation)
      // The saved account is not stored (yet, or any more).
      expect(await storage.getDeliveryTarget('trg_1')).toEqual({ secret: 'shh', savedEvent: 'store/order/created', account: null })
      await storage.putAccount({ ...account, clientSecret: 'whsec-sim-1234' })
      expect(await storage.getDeliveryTarget('trg_1')).toEqual({
        secret: 'shh',
        savedEvent: 'store/order/created',
        account: { storeHash: 'abc123', clientSecret: 'whsec-sim-1234' },
      })
      await storage.close()
    })

    it('tells watchers of each delivery stored, once committed; not of a duplicate', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const heard: string[] = []
      const stop = storage.watchDeliveries((stored) => heard.push(`${stored.triggerId}/${stored.deliveryId}`))
      await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
      await storage.insertDelivery(delivery('d2', 'h1', '2026-01-01T00:00:02.000Z'))
      await expect.poll(() => heard).toEqual(['trg_1/d1'])
      stop()
      await storage.insertDelivery(delivery('d3', 'h3', '2026-01-01T00:00:03.000Z'))
      await storage.close()
      expect(heard).toEqual(['trg_1/d1'])
    })

    it('keeps the name the user gave an account, when its token was last verified and what it could read; and deletes it', async () => {
      const storage = await open()
      const named: AccountRecord = {
        ...account,
        displayName: 'Main shop',
        lastVerifiedAt: '2026-02-01T00:00:00.000Z',
        readScopes: { checkedAt: '2026-02-01T00:00:00.000Z', areas: { products: 'missing', orders: 'granted', customers: 'unknown' } },
      }
      await storage.putAccount(named)
      await storage.putAccount({ ...account, id: 'acc_2' })
      expect(await storage.getAccount('acc_1')).toEqual(named)
      await storage.deleteAccount('acc_1')
      expect((await storage.listAccounts()).map((row) => row.id)).toEqual(['acc_2'])
      await storage.close()
    })

    it('keeps an account’s Client Secret, and its absence', async () => {
      const storage = await open()
      await storage.putAccount({ ...account, clientSecret: 'whsec-sim-1234' })
      expect(await storage.getAccount('acc_1')).toEqual({ ...account, clientSecret: 'whsec-sim-1234' })
      await storage.putAccount(account)
      expect(await storage.getAccount('acc_1')).toEqual(account)
      await storage.close()
    })

    it('updates in place, and keeps deliveries when an automation is re-saved', async () => {
      const storage = await open()
      await storage.putAccount(account)
      await storage.putAccount({ ...account, storeName: 'Renamed', accessToken: 'another-token' })
      await storage.putAutomation(automation)
      await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
      await storage.putAutomation({ ...automation, name: 'Renamed', updatedAt: '2026-01-02T00:00:00.000Z' })

      expect(await storage.listAccounts()).toEqual([{ ...account, storeName: 'Renamed', accessToken: 'another-token' }])
      expect((await storage.getAutomation('aut_1'))?.name).toBe('Renamed')
      expect(await storage.listDeliveries('trg_1', 10)).toHaveLength(1)

      await storage.deleteAutomation('aut_1')
      expect(await storage.getAutomation('aut_1')).toBeUndefined()
      expect(await storage.listDeliveries('trg_1', 10)).toEqual([])
      await storage.close()
    })

    it('drops a second delivery with the same trigger and hash, and lists newest first', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      expect(await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))).toBe('inserted')
      expect(await storage.insertDelivery(delivery('d2', 'h1', '2026-01-01T00:00:02.000Z'))).toBe('duplicate')
      expect(await storage.insertDelivery(delivery('d3', 'h2', '2026-01-01T00:00:03.000Z'))).toBe('inserted')
      expect(await storage.insertDelivery(delivery('d4', 'h3', '2026-01-01T00:00:03.000Z'))).toBe('inserted')

      const listed = await storage.listDeliveries('trg_1', 10)
      // Same timestamp: the later insert comes first.
      expect(listed.map((d) => d.id)).toEqual(['d4', 'd3', 'd1'])
      expect((await storage.listDeliveries('trg_1', 2)).map((d) => d.id)).toEqual(['d4', 'd3'])
      await storage.close()
    })

    it('writes deliveries that arrive together in one batch, each with its own outcome', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const orphan = { ...delivery('d-orphan', 'h-orphan', '2026-01-01T00:00:01.000Z'), triggerId: 'trg_deleted' }
      // Not awaited one by one: they queue for the same commit, as concurrent requests do.
      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 20 }, (_, index) => storage.insertDelivery(delivery(`d${index}`, `h${index}`, '2026-01-01T00:00:01.000Z'))),
        storage.insertDelivery(delivery('d-again', 'h3', '2026-01-01T00:00:02.000Z')),
        storage.insertDelivery(orphan),
      ])
      expect(outcomes.slice(0, 20).every((outcome) => outcome.status === 'fulfilled' && outcome.value === 'inserted')).toBe(true)
      expect(outcomes[20]).toEqual({ status: 'fulfilled', value: 'duplicate' })
      // The foreign key refuses the row of a trigger that is gone; the others are stored all the same.
      expect(outcomes[21]?.status).toBe('rejected')
      expect(await storage.listDeliveries('trg_1', 100)).toHaveLength(20)
      await storage.close()
    })

    it('refuses at once, as storage_unavailable, a delivery past the queue bound', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const queued = Array.from({ length: MAX_QUEUED_DELIVERIES + 1 }, (_, index) =>
        storage.insertDelivery(delivery(`d${index}`, `h${index}`, '2026-01-01T00:00:01.000Z')),
      )
      const outcomes = await Promise.allSettled(queued)
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(MAX_QUEUED_DELIVERIES)
      expect(outcomes.at(-1)).toMatchObject({ status: 'rejected', reason: { code: 'storage_unavailable' } })
      await storage.close()
    })

    it('keeps hook locations and deleted triggers past the automation, but not its check', async () => {
      const storage = await open()
      await storage.putAccount(account)
      await storage.putAutomation(automation)
      const location = { triggerId: 'trg_1', accountId: 'acc_1', destination: 'https://example.com/x' }
      await storage.addHookLocations([location, location])
      const check = {
        triggerId: 'trg_1',
        checkedAt: '2026-01-01T00:00:00.000Z',
        status: 'registered' as const,
        hookId: 42,
        blockedDomain: null,
        actions: [],
        problem: null,
      }
      await storage.putHookCheck(check)
      expect(await storage.getHookCheck('trg_1')).toEqual(check)
      await storage.recordDeletedTrigger('trg_1', '2026-01-02T00:00:00.000Z')
      await storage.deleteAutomation('aut_1')
      expect(await storage.getHookCheck('trg_1')).toBeUndefined()
      // A check for a trigger deleted meanwhile is dropped, not an error.
      await storage.putHookCheck(check)
      expect(await storage.getHookCheck('trg_1')).toBeUndefined()
      expect(await storage.listHookLocations('trg_1')).toEqual([location])
      expect(await storage.wasTriggerDeletedSince('trg_1', '2026-01-01T00:00:00.000Z')).toBe(true)
      await storage.pruneDeletedTriggers('2026-01-03T00:00:00.000Z')
      expect(await storage.wasTriggerDeletedSince('trg_1', '2026-01-01T00:00:00.000Z')).toBe(false)
      await storage.removeHookLocation(location)
      expect(await storage.listHookLocations()).toEqual([])
      await storage.close()
    })

    it('keeps a trigger’s last refused delivery in place of the one before, and drops it with the automation', async () => {
      const storage = await open()
      await storage.putAccount(account)
      await storage.putAutomation(automation)
      expect(await storage.getDeliveryRefusal('trg_1')).toBeUndefined()
      const first = { triggerId: 'trg_1', refusedAt: '2026-01-01T00:00:00.000Z', reason: 'The header is missing or wrong.' }
      const second = { triggerId: 'trg_1', refusedAt: '2026-01-01T00:01:00.000Z', reason: 'This delivery comes from another store.' }
      await storage.putDeliveryRefusal(first)
      expect(await storage.getDeliveryRefusal('trg_1')).toEqual(first)
      await storage.putDeliveryRefusal(second)
      expect(await storage.getDeliveryRefusal('trg_1')).toEqual(second)
      await storage.deleteAutomation('aut_1')
      expect(await storage.getDeliveryRefusal('trg_1')).toBeUndefined()
      // One for a trigger deleted meanwhile is dropped, not an error.
      await storage.putDeliveryRefusal(first)
      expect(await storage.getDeliveryRefusal('trg_1')).toBeUndefined()
      await storage.close()
    })

    it("refuses a cursor whose row number is past PostgreSQL's bigint, at the field", async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      // The first is issue 23's: ["2099-01-01T00:00:00.000Z","9999999999999999999"].
      const cursors = ['WyIyMDk5LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCI5OTk5OTk5OTk5OTk5OTk5OTk5Il0']
      cursors.push(btoa(JSON.stringify(['2099-01-01T00:00:00.000Z', '9223372036854775808'])))
      for (const cursor of cursors) {
        await expect(storage.listDeliveryPage('trg_1', { limit: 1, cursor })).rejects.toMatchObject({
          code: 'validation_failed',
          field: 'cursor',
        })
      }
    })

    it('gives a lock to one holder at a time across two connections, renewed by its holder and freed by unlock', async () => {
      const first = await open()
      const second = await open()
      const at = (seconds: number) => `2026-01-01T00:00:${String(seconds).padStart(2, '0')}Z`
      expect(await first.tryLock('reconcile:t', 'a', at(0), at(15))).toBe(true)
      expect(await second.tryLock('reconcile:t', 'b', at(5), at(20))).toBe(false)
      // Two holders in one process are told apart too (PostgreSQL's advisory locks are reentrant).
      expect(await first.tryLock('reconcile:t', 'c', at(5), at(20))).toBe(false)
      expect(await first.tryLock('reconcile:t', 'a', at(5), at(20))).toBe(true)
      expect(await second.tryLock('reconcile:u', 'b', at(5), at(20))).toBe(true)
      await second.unlock('reconcile:t', 'b')
      expect(await second.tryLock('reconcile:t', 'b', at(6), at(21))).toBe(false)
      await first.unlock('reconcile:t', 'a')
      expect(await second.tryLock('reconcile:t', 'b', at(7), at(22))).toBe(true)
      expect(await first.tryLock('reconcile:t', 'a', at(8), at(23))).toBe(false)
      await second.unlock('reconcile:t', 'b')
      await second.unlock('reconcile:u', 'b')
      expect(await first.tryLock('reconcile:t', 'a', at(9), at(24))).toBe(true)
      await first.close()
      await second.close()
    })

    it('counts the deliveries since a time', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      await storage.insertDelivery(delivery('d1', 'h1', '2026-01-01T00:00:01.000Z'))
      await storage.insertDelivery(delivery('d2', 'h2', '2026-01-02T00:00:01.000Z'))
      expect(await storage.deliveryStats('trg_1', '2026-01-01T12:00:00.000Z')).toEqual({
        count: 1,
        lastReceivedAt: '2026-01-02T00:00:01.000Z',
      })
      expect(await storage.deliveryStats('none', '2026-01-01T12:00:00.000Z')).toEqual({ count: 0, lastReceivedAt: null })
      await storage.close()
    })
  })
}
