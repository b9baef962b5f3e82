import { act } from '@testing-library/react'
import { vi } from 'vitest'
import type { TriggerDelivery } from '../contract/deliveries'
import type { SavedTrigger } from '../contract/trigger-config'
import type { TriggerBackend } from '../backend/trigger-backend'

/** A saved Product Created trigger of the fake backend's Plant Shop account, registered: one that can listen. */
export const savedProductTrigger: SavedTrigger = {
  version: 1,
  savedAt: '2026-01-02T10:00:00.000Z',
  config: { connector: 'bigcommerce', trigger: 'bigcommerce', accountId: 'acc-1', event: 'store/product/created', headers: [] },
  webhook: { status: 'registered', hookId: 7, destination: 'https://automations.example.com/hooks/bigcommerce/trg-1', detail: null },
  restoredFrom: null,
}

/** What arrives while it listens: product 314. */
export const productArrival: TriggerDelivery = {
  id: 'del-1',
  receivedAt: '2026-01-05T12:00:00.000Z',
  payload: {
    scope: 'store/product/created',
    store_id: '1',
    data: { type: 'product', id: 314 },
    hash: 'h',
    created_at: 1,
    producer: 'stores/abc123',
  },
  duplicates: 0,
  authenticatedBy: 'secret',
}

/**
 * A backend's Listen for an event that the test ends: it is ready at once, `deliver` resolves
 * it with a delivery, and an abort (Cancel, leaving the page) rejects it as fetch would.
 */
export function controlledListen() {
  let resolveWith: (delivery: TriggerDelivery) => void = () => undefined
  const listenForDelivery = vi.fn<TriggerBackend['listenForDelivery']>(
    (_input, options) =>
      new Promise((resolve, reject) => {
        resolveWith = (delivery) => resolve({ status: 'delivered', delivery })
        options?.signal?.addEventListener('abort', () => reject(options.signal?.reason))
        queueMicrotask(() => options?.onReady?.({ event: 'store/product/created', timeoutMs: 120_000 }))
      }),
  )
  return { listenForDelivery, deliver: (delivery: TriggerDelivery) => act(async () => resolveWith(delivery)) }
}
