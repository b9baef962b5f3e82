import { describe, expect, it } from 'vitest'
import type { EventScope } from '../contract/events'
import type { Storage } from '../core/ports'
import type { AutomationRecord, DeliveryRecord } from '../core/record-schemas'
import { unsavedAutomation } from './unsaved-automation'

/**
 * The delivery log's rules, run against every `Storage` (memory-storage.test.ts, and the storage
 * contract of SQLite and PostgreSQL), so the demo and the server page, filter, count and purge
 * alike. `open` gives an empty storage; the suite adds the two triggers its deliveries belong to.
 */

function automationOf(triggerId: string): AutomationRecord {
  return unsavedAutomation({ id: `aut_${triggerId}`, name: 'Logged', triggerId })
}

export function describeDeliveryLogStorage(open: () => Storage | Promise<Storage>) {
  function record(index: number, overrides: Partial<DeliveryRecord> & { scope?: EventScope } = {}): DeliveryRecord {
    const { scope = 'store/order/created', ...rest } = overrides
    const hash = `hash-${index}`
    return {
      id: `d${index}`,
      triggerId: 'trg_l1',
      hash,
      // One a minute from midnight, so times order them.
      receivedAt: new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString(),
      payload: {
        scope,
        store_id: '1025646',
        data: { type: scope === 'store/order/created' ? 'order' : 'product', id: 100 + index },
        hash,
        created_at: 1767225600 + index,
        producer: 'stores/abc123',
      },
      duplicates: 0,
      authenticatedBy: 'secret',
      ...rest,
    }
  }

  async function filled(count: number, overrides: (index: number) => Partial<DeliveryRecord> & { scope?: EventScope } = () => ({})) {
    const storage = await open()
    await storage.putAutomation(automationOf('trg_l1'))
    await storage.putAutomation(automationOf('trg_l2'))
    for (let index = 1; index <= count; index += 1) await storage.insertDelivery(record(index, overrides(index)))
    return storage
  }

  /** Every page of a query, followed by cursor; the ids in the order listed. */
  async function everyPage(storage: Storage, query: Parameters<Storage['listDeliveryPage']>[1]): Promise<string[][]> {
    const pages: string[][] = []
    let cursor: string | undefined
    do {
      const page = await storage.listDeliveryPage('trg_l1', { ...query, ...(cursor === undefined ? {} : { cursor }) })
      pages.push(page.deliveries.map((delivery) => delivery.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor !== undefined && pages.length < 100)
    return pages
  }

  describe('the delivery log (shared storage rules)', () => {
    it('pages newest first by an opaque cursor, with no gap or repeat, and says when the last page is reached', async () => {
      const storage = await filled(7)
      expect(await everyPage(storage, { limit: 3 })).toEqual([['d7', 'd6', 'd5'], ['d4', 'd3', 'd2'], ['d1']])
      // Exactly a page left: the last full page says there is no next one.
      expect(await everyPage(storage, { limit: 7 })).toEqual([['d7', 'd6', 'd5', 'd4', 'd3', 'd2', 'd1']])
      const first = await storage.listDeliveryPage('trg_l1', { limit: 3 })
      expect(first.nextCursor).toMatch(/^[\w-]+$/)
      // A delivery arriving meanwhile does not shift the pages already seen.
      await storage.insertDelivery(record(8))
      const second = await storage.listDeliveryPage('trg_l1', { limit: 3, cursor: first.nextCursor ?? '' })
      expect(second.deliveries.map((delivery) => delivery.id)).toEqual(['d4', 'd3', 'd2'])
      expect((await storage.listDeliveryPage('trg_l2', { limit: 3 })).deliveries).toEqual([])
    })

    it('keeps paging when the row a page ended at has been purged meanwhile', async () => {
      const storage = await filled(6)
      const first = await storage.listDeliveryPage('trg_l1', { limit: 3 })
      // d4 ended the first page; everything up to d4 is now too old.
      expect(await storage.purgeDeliveries(record(5).receivedAt, 500)).toBe(4)
      const next = await storage.listDeliveryPage('trg_l1', { limit: 3, cursor: first.nextCursor ?? '' })
      expect(next).toEqual({ deliveries: [], nextCursor: null })
    })

    it('filters by event, by a half-open time range and by text in the payload, across pages', async () => {
      const storage = await filled(9, (index) => (index % 3 === 0 ? { scope: 'store/product/created' } : {}))
      expect(await everyPage(storage, { limit: 2, event: 'store/product/created' })).toEqual([['d9', 'd6'], ['d3']])
      expect(await everyPage(storage, { limit: 2, from: record(4).receivedAt, to: record(7).receivedAt })).toEqual([['d6', 'd5'], ['d4']])
      // The payload's JSON text; ASCII letters in any case; % and _ are plain characters.
      expect(await everyPage(storage, { limit: 5, search: '"id":105' })).toEqual([['d5']])
      expect(await everyPage(storage, { limit: 5, search: 'HASH-8' })).toEqual([['d8']])
      expect(await everyPage(storage, { limit: 5, search: 'hash_8' })).toEqual([[]])
      expect(await everyPage(storage, { limit: 5, search: '%' })).toEqual([[]])
      expect(await everyPage(storage, { limit: 5, search: 'product', event: 'store/order/created' })).toEqual([[]])
    })

    it('counts a redelivery of a stored hash on the stored row instead of storing it again', async () => {
      const storage = await filled(2)
      expect(await storage.insertDelivery(record(1, { id: 'again' }))).toBe('duplicate')
      expect(await storage.insertDelivery(record(1, { id: 'again-2' }))).toBe('duplicate')
      const { deliveries } = await storage.listDeliveryPage('trg_l1', { limit: 10 })
      expect(deliveries.map(({ id, duplicates }) => [id, duplicates])).toEqual([
        ['d2', 0],
        ['d1', 2],
      ])
      expect(await storage.getDelivery('trg_l1', 'd1')).toMatchObject({ duplicates: 2, authenticatedBy: 'secret' })
      // Twice in one group commit: the first is stored, the second counted on it.
      expect(await Promise.all([storage.insertDelivery(record(3)), storage.insertDelivery(record(3, { id: 'again-3' }))])).toEqual([
        'inserted',
        'duplicate',
      ])
      expect(await storage.getDelivery('trg_l1', 'd3')).toMatchObject({ duplicates: 1 })
    })

    it('keeps how each delivery was authenticated, and opens one by id within its trigger only', async () => {
      const storage = await filled(1, () => ({ authenticatedBy: 'signature' }))
      expect(await storage.getDelivery('trg_l1', 'd1')).toEqual(record(1, { authenticatedBy: 'signature' }))
      expect(await storage.getDelivery('trg_l2', 'd1')).toBeUndefined()
      expect(await storage.getDelivery('trg_l1', 'nope')).toBeUndefined()
    })

    it('purges the oldest deliveries of every trigger in chunks, never the newer ones', async () => {
      const storage = await filled(5)
      await storage.insertDelivery(record(2, { id: 'other', triggerId: 'trg_l2' }))
      const before = record(4).receivedAt
      expect(await storage.purgeDeliveries(before, 2)).toBe(2)
      expect(await storage.purgeDeliveries(before, 2)).toBe(2)
      expect(await storage.purgeDeliveries(before, 2)).toBe(0)
      expect((await storage.listDeliveryPage('trg_l1', { limit: 10 })).deliveries.map((delivery) => delivery.id)).toEqual(['d5', 'd4'])
      expect((await storage.listDeliveryPage('trg_l2', { limit: 10 })).deliveries).toEqual([])
    })

    it('refuses a cursor it did not write, naming the field', async () => {
      const storage = await filled(1)
      const time = '2099-01-01T00:00:00.000Z'
      // Text no database can hold, times that are not times, numbers out of range or not whole,
      // in every storage's own shape: refused alike, before any query (issue 23's NUL cursor first).
      const forged = [
        'WyIyMDk5XHUwMDAwIiwiMSJd',
        ...[
          ['2099\u0000', 1],
          [`${time}\u0000`, '1'],
          [time, 'd\u0000'],
          [time, 1e19],
          [time, -1],
          [time, 1.5],
          ['yesterday', 1],
          ['yesterday', 'd1'],
        ].map((position) => btoa(JSON.stringify(position))),
      ]
      for (const cursor of ['not-a-cursor', btoa('{"a":1}'), ...forged]) {
        await expect(storage.listDeliveryPage('trg_l1', { limit: 1, cursor })).rejects.toMatchObject({
          code: 'validation_failed',
          field: 'cursor',
        })
      }
    })
  })
}
