import type { Account } from '../contract/accounts'
import type { Automation } from '../contract/automations'
import type { TriggerDraft } from '../contract/trigger-config'
import { BackendError } from '../contract/errors'
import type { TriggerBackend } from './trigger-backend'

/**
 * A backend for component tests: every method fails loudly unless the test overrides it,
 * so a test states exactly which calls it expects.
 */
export function fakeBackend(overrides: Partial<TriggerBackend> = {}): TriggerBackend {
  const notFaked = (method: string) => () =>
    Promise.reject(new BackendError('internal', `fakeBackend: ${method} was called but not faked.`))
  return {
    getInfo: notFaked('getInfo'),
    listAutomations: notFaked('listAutomations'),
    createAutomation: notFaked('createAutomation'),
    getAutomation: notFaked('getAutomation'),
    deleteAutomation: notFaked('deleteAutomation'),
    listAccounts: notFaked('listAccounts'),
    authorizeAccount: notFaked('authorizeAccount'),
    renameAccount: notFaked('renameAccount'),
    replaceAccountToken: notFaked('replaceAccountToken'),
    deleteAccount: notFaked('deleteAccount'),
    updateTriggerDraft: notFaked('updateTriggerDraft'),
    testTrigger: notFaked('testTrigger'),
    saveTrigger: notFaked('saveTrigger'),
    revertTrigger: notFaked('revertTrigger'),
    listTriggerVersions: notFaked('listTriggerVersions'),
    getTriggerVersion: notFaked('getTriggerVersion'),
    diffTriggerVersions: notFaked('diffTriggerVersions'),
    restoreTriggerVersion: notFaked('restoreTriggerVersion'),
    getTriggerHealth: notFaked('getTriggerHealth'),
    reconcileTrigger: notFaked('reconcileTrigger'),
    listTriggerDeliveries: notFaked('listTriggerDeliveries'),
    getTriggerDelivery: notFaked('getTriggerDelivery'),
    listenForDelivery: notFaked('listenForDelivery'),
    fetchTriggerResource: notFaked('fetchTriggerResource'),
    ...overrides,
  }
}

export const emptyDraft: TriggerDraft = {
  stage: 'connector',
  connector: null,
  trigger: null,
  accountId: null,
  event: null,
  headers: [],
}

export function makeAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    connector: 'bigcommerce',
    name: overrides.storeName ?? 'Plant Shop',
    storeHash: 'abc123',
    storeName: 'Plant Shop',
    tokenMask: '••••••••k2f9',
    createdAt: '2026-01-02T10:00:00.000Z',
    lastVerifiedAt: '2026-01-02T10:00:00.000Z',
    readScopes: {
      checkedAt: '2026-01-02T10:00:00.000Z',
      areas: { products: 'granted', orders: 'granted', customers: 'granted' },
    },
    usedBy: [],
    ...overrides,
  }
}

export function makeAutomation(
  overrides: Partial<Omit<Automation, 'trigger'>> & { trigger?: Partial<Automation['trigger']> } = {},
): Automation {
  const { trigger, ...rest } = overrides
  return {
    id: 'auto-1',
    name: 'New products to CMS',
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...rest,
    trigger: { id: 'trg-1', draft: emptyDraft, saved: null, differsFromSaved: false, ...trigger },
  }
}
