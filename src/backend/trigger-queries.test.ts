import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it, vi } from 'vitest'
import type { TriggerResource } from '../contract/trigger-test'
import type { Callback } from '../contract/events'
import { fakeBackend } from './fake-backend'
import type { TriggerBackend } from './trigger-backend'
import { resourceQueryOptions } from './trigger-queries'

function productCreated(id: number): Callback {
  return {
    scope: 'store/product/created',
    store_id: '1001234567',
    hash: 'x',
    created_at: 1561479335,
    producer: 'stores/abc123',
    data: { type: 'product', id },
  }
}

function resourceOf(payload: Callback): TriggerResource {
  return {
    resource: { id: payload.data.id },
    fetchedAt: '2026-01-04T09:30:00.000Z',
    request: `GET /v3/catalog/products/${String(payload.data.id)}`,
    readScope: { label: 'Products: read-only', parameter: 'store_v2_products_read_only' },
  }
}

describe('resourceQueryOptions', () => {
  it('keeps apart the records of two payloads, even ones a 32-bit hash of the payload confuses', async () => {
    // These two differ in data.id only, and FNV-1a (32 bits) gives their keys the same hash.
    const first = productCreated(549599)
    const second = productCreated(712382)
    const fetchTriggerResource = vi.fn<TriggerBackend['fetchTriggerResource']>(({ payload }) => Promise.resolve(resourceOf(payload)))
    const backend = fakeBackend({ fetchTriggerResource })
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })

    expect((await queryClient.fetchQuery(resourceQueryOptions(backend, 'auto-1', first))).resource).toEqual({ id: 549599 })
    expect((await queryClient.fetchQuery(resourceQueryOptions(backend, 'auto-1', second))).resource).toEqual({ id: 712382 })
    expect(fetchTriggerResource).toHaveBeenCalledTimes(2)
  })

  it('shares one record between equal payloads whatever order their keys came in', async () => {
    const payload = productCreated(205)
    const reordered: Callback = {
      data: { id: 205, type: 'product' },
      producer: payload.producer,
      created_at: payload.created_at,
      hash: payload.hash,
      store_id: payload.store_id,
      scope: payload.scope,
    }
    const fetchTriggerResource = vi.fn<TriggerBackend['fetchTriggerResource']>(({ payload: asked }) => Promise.resolve(resourceOf(asked)))
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    const backend = fakeBackend({ fetchTriggerResource })

    await queryClient.fetchQuery(resourceQueryOptions(backend, 'auto-1', payload))
    await queryClient.fetchQuery(resourceQueryOptions(backend, 'auto-1', reordered))
    expect(fetchTriggerResource).toHaveBeenCalledOnce()
  })
})
