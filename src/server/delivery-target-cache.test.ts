import { describe, expect, it } from 'vitest'
import type { DeliveryTarget } from '../core/record-schemas'
import { createDeliveryTargetCache, DELIVERY_TARGET_TRUSTED_MS } from './delivery-target-cache'

const target = (savedEvent: DeliveryTarget['savedEvent']): DeliveryTarget => ({ secret: 's', savedEvent, account: null })

function setUp() {
  let clock = 0
  let stored = target('store/order/created')
  const reads: string[] = []
  let pending: (() => void)[] = []
  let holdReads = false
  const cache = createDeliveryTargetCache(
    async (triggerId) => {
      reads.push(triggerId)
      const answer = stored
      if (holdReads) await new Promise<void>((resolve) => pending.push(resolve))
      return answer
    },
    () => clock,
  )
  return {
    cache,
    reads,
    advance: (ms: number) => (clock += ms),
    store: (next: DeliveryTarget) => (stored = next),
    hold: () => (holdReads = true),
    release: () => {
      holdReads = false
      for (const resolve of pending.splice(0)) resolve()
    },
  }
}

describe('the receiver’s cache of delivery targets', () => {
  it('reads a trigger once, then again once it has been trusted for DELIVERY_TARGET_TRUSTED_MS', async () => {
    const { cache, reads, advance, store } = setUp()
    expect(await cache.get('trg_1')).toEqual(target('store/order/created'))
    store(target('store/product/created'))
    advance(DELIVERY_TARGET_TRUSTED_MS - 1)
    expect(await cache.get('trg_1')).toEqual(target('store/order/created'))
    advance(1)
    expect(await cache.get('trg_1')).toEqual(target('store/product/created'))
    expect(reads).toEqual(['trg_1', 'trg_1'])
  })

  it('reads again after a clear, and keeps an unknown trigger as unknown until then', async () => {
    const { cache, reads, store } = setUp()
    const unknown = createDeliveryTargetCache(async () => undefined)
    expect(await unknown.get('nope')).toBeUndefined()
    await cache.get('trg_1')
    store(target('store/sku/created'))
    cache.clear()
    expect(await cache.get('trg_1')).toEqual(target('store/sku/created'))
    expect(reads).toHaveLength(2)
  })

  it('does not keep a read that was under way when it was cleared, as it may predate the change', async () => {
    const { cache, reads, store, hold, release } = setUp()
    hold()
    const early = cache.get('trg_1')
    store(target('store/customer/created'))
    cache.clear()
    release()
    expect(await early).toEqual(target('store/order/created'))
    expect(await cache.get('trg_1')).toEqual(target('store/customer/created'))
    expect(reads).toHaveLength(2)
  })

  it('shares one read among the deliveries that miss it together, but not with one that comes after a clear', async () => {
    const { cache, reads, store, hold, release } = setUp()
    hold()
    const together = [cache.get('trg_1'), cache.get('trg_1'), cache.get('trg_1')]
    expect(reads).toEqual(['trg_1'])
    store(target('store/customer/created'))
    cache.clear()
    const after = cache.get('trg_1')
    expect(reads).toEqual(['trg_1', 'trg_1'])
    release()
    expect(await Promise.all(together)).toEqual([
      target('store/order/created'),
      target('store/order/created'),
      target('store/order/created'),
    ])
    expect(await after).toEqual(target('store/customer/created'))
  })
})
