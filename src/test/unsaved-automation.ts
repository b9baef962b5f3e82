import type { AutomationRecord } from '../core/record-schemas'

/** A stored automation whose trigger has a complete draft and was never saved: the storage suites' starting point. */
export function unsavedAutomation(ids: { id: string; name: string; triggerId: string }): AutomationRecord {
  return {
    id: ids.id,
    name: ids.name,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    trigger: {
      id: ids.triggerId,
      secret: 'shh',
      draft: {
        stage: 'test',
        connector: 'bigcommerce',
        trigger: 'bigcommerce',
        accountId: 'acc_1',
        event: 'store/order/created',
        headers: [],
      },
      saved: null,
      draftRestoredFrom: null,
    },
  }
}
