import { describe, expect, it } from 'vitest'
import type { Storage } from '../core/ports'
import type { AutomationRecord, TriggerVersionRecord } from '../core/record-schemas'
import { unsavedAutomation } from './unsaved-automation'

/**
 * What every `Storage` must do with a trigger's versions; SQLite's and the memory storage's
 * tests both run it, so the server and the demo keep versions alike.
 */

const automation = unsavedAutomation({ id: 'aut_v', name: 'Versioned', triggerId: 'trg_v' })

function version(number: number, overrides: Partial<TriggerVersionRecord> = {}): TriggerVersionRecord {
  return {
    triggerId: automation.trigger.id,
    version: number,
    savedAt: `2026-01-01T00:${String(number % 60).padStart(2, '0')}:00.000Z`,
    config: {
      connector: 'bigcommerce',
      trigger: 'bigcommerce',
      accountId: 'acc_1',
      event: number % 2 === 0 ? 'store/product/created' : 'store/order/created',
      headers: [{ name: 'X-Save', value: String(number) }],
    },
    webhook: { status: 'registered', hookId: null, destination: 'https://example.com/hooks/bigcommerce/trg_v', detail: null },
    restoredFrom: null,
    ...overrides,
  }
}

/** Saves versions 1 to `count` as the trigger service does, each with the automation pointing at it. */
async function saveVersions(storage: Storage, count: number): Promise<AutomationRecord> {
  let current = automation
  for (let number = 1; number <= count; number += 1) {
    const { triggerId: _triggerId, ...saved } = version(number)
    current = { ...current, trigger: { ...current.trigger, saved } }
    await storage.saveTriggerVersion(current, version(number))
  }
  return current
}

export function describeTriggerVersionStorage(open: () => Storage | Promise<Storage>) {
  describe('trigger versions', () => {
    it('saves the automation and its new version together, and reads the version back as written', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const saved = await saveVersions(storage, 1)
      expect((await storage.getAutomation(automation.id))?.trigger.saved).toEqual(saved.trigger.saved)
      expect(await storage.getTriggerVersion(automation.trigger.id, 1)).toEqual(version(1))
      expect(await storage.getTriggerVersion(automation.trigger.id, 2)).toBeUndefined()
      expect(await storage.getTriggerVersion('another', 1)).toBeUndefined()
    })

    it('keeps every version, and lists them newest first a page at a time', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      await saveVersions(storage, 45)
      const first = await storage.listTriggerVersions(automation.trigger.id, { limit: 20 })
      expect(first.map((row) => row.version)).toEqual(Array.from({ length: 20 }, (_, index) => 45 - index))
      const second = await storage.listTriggerVersions(automation.trigger.id, { before: 26, limit: 20 })
      expect(second.map((row) => row.version)).toEqual(Array.from({ length: 20 }, (_, index) => 25 - index))
      const last = await storage.listTriggerVersions(automation.trigger.id, { before: 6, limit: 20 })
      expect(last.map((row) => row.version)).toEqual([5, 4, 3, 2, 1])
      expect(last[4]).toEqual(version(1))
    })

    it('records which version a save was restored from', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      await saveVersions(storage, 2)
      await storage.saveTriggerVersion(automation, version(3, { restoredFrom: 1 }))
      expect((await storage.getTriggerVersion(automation.trigger.id, 3))?.restoredFrom).toBe(1)
    })

    it('refuses a second version with the same number, changing nothing', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const saved = await saveVersions(storage, 1)
      await expect(storage.saveTriggerVersion({ ...saved, name: 'Renamed' }, version(1, { restoredFrom: 7 }))).rejects.toThrow(
        /UNIQUE constraint failed|duplicate key|already saved/,
      )
      expect(await storage.getTriggerVersion(automation.trigger.id, 1)).toEqual(version(1))
      expect((await storage.getAutomation(automation.id))?.name).toBe('Versioned')
    })

    it('withdraws a refused save: the automation as it was and the version gone, other versions kept', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      const before = await saveVersions(storage, 1)
      const { triggerId: _triggerId, ...second } = version(2)
      await storage.saveTriggerVersion({ ...before, trigger: { ...before.trigger, saved: second } }, version(2))
      await storage.withdrawTriggerVersion(before, 2)
      expect(await storage.getAutomation(automation.id)).toEqual(before)
      expect((await storage.listTriggerVersions(automation.trigger.id, { limit: 20 })).map((row) => row.version)).toEqual([1])
    })

    it('deletes the versions with the automation', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      await saveVersions(storage, 3)
      await storage.deleteAutomation(automation.id)
      expect(await storage.listTriggerVersions(automation.trigger.id, { limit: 20 })).toEqual([])
    })

    it('hands out copies: changing a version read changes nothing stored', async () => {
      const storage = await open()
      await storage.putAutomation(automation)
      await saveVersions(storage, 1)
      const read = await storage.getTriggerVersion(automation.trigger.id, 1)
      read?.config.headers.push({ name: 'X-Sneaky', value: '1' })
      expect(await storage.getTriggerVersion(automation.trigger.id, 1)).toEqual(version(1))
    })
  })
}
