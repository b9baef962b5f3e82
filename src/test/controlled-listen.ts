import { act } from '@testing-library/react'
import { vi } from 'vitest'
import type { TriggerDelivery } from '../contract/api'
import type { TriggerBackend } from '../backend/trigger-backend'

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
