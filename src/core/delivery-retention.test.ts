// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { purgeDeliveriesBefore } from './delivery-retention'

describe('purgeDeliveriesBefore', () => {
  it('deletes in chunks, pausing between them, until a chunk comes back short', async () => {
    let left = 5
    const calls: string[] = []
    const storage = {
      purgeDeliveries: vi.fn<(before: string, limit: number) => Promise<number>>(async (before, limit) => {
        calls.push(`delete ${limit} before ${before}`)
        const purged = Math.min(left, limit)
        left -= purged
        return purged
      }),
    }
    const pause = vi.fn<() => Promise<void>>(async () => {
      calls.push('pause')
    })
    expect(await purgeDeliveriesBefore(storage, '2026-01-01T00:00:00.000Z', { chunk: 2, pause })).toBe(5)
    expect(calls).toEqual([
      'delete 2 before 2026-01-01T00:00:00.000Z',
      'pause',
      'delete 2 before 2026-01-01T00:00:00.000Z',
      'pause',
      'delete 2 before 2026-01-01T00:00:00.000Z',
    ])
  })
})
