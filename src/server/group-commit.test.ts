import { describe, expect, it, vi } from 'vitest'
import type { DeliveryRecord } from '../core/record-schemas'
import { createGroupCommit, MAX_QUEUED_DELIVERIES } from './group-commit'

const delivery = (id: string): DeliveryRecord => ({
  id,
  triggerId: 'trg_1',
  hash: id,
  receivedAt: '2026-01-01T00:00:00.000Z',
  payload: { scope: 'store/order/created', store_id: '1', data: { type: 'order', id: 1 }, hash: id, created_at: 1, producer: 'stores/abc' },
  duplicates: 0,
  authenticatedBy: 'secret',
})

describe('group commit, one write at a time', () => {
  it('holds what arrives during a write for the next one, which takes it all together', async () => {
    const batches: string[][] = []
    const commits: (() => void)[] = []
    const group = createGroupCommit(
      (batch) =>
        new Promise((resolve) => {
          batches.push(batch.map((item) => item.id))
          commits.push(() => resolve(batch.map(() => 'inserted')))
        }),
    )
    const settled: string[] = []
    const insert = (id: string) => group.insert(delivery(id)).then(() => settled.push(id))

    const first = insert('a')
    await new Promise((resolve) => setImmediate(resolve))
    const later = [insert('b'), insert('c')]
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches).toEqual([['a']])

    commits[0]?.()
    await first
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches).toEqual([['a'], ['b', 'c']])
    expect(settled).toEqual(['a'])
    commits[1]?.()
    await Promise.all(later)
    expect(settled).toEqual(['a', 'b', 'c'])
  })

  it('flush waits for the write in flight and then for the one it held back', async () => {
    const commits: (() => void)[] = []
    const group = createGroupCommit((batch) => new Promise((resolve) => commits.push(() => resolve(batch.map(() => 'inserted')))))
    const stored = [group.insert(delivery('a'))]
    await new Promise((resolve) => setImmediate(resolve))
    stored.push(group.insert(delivery('b')))
    let flushed = false
    const flushing = group.flush().then(() => (flushed = true))
    commits[0]?.()
    await stored[0]
    await new Promise((resolve) => setImmediate(resolve))
    expect(flushed).toBe(false)
    commits[1]?.()
    await flushing
    expect(await Promise.all(stored)).toEqual(['inserted', 'inserted'])
  })
})

describe('group commit, each turn written at once', () => {
  it("hands a turn's deliveries to the writer while an earlier write is still under way", async () => {
    const batches: string[][] = []
    const group = createGroupCommit(
      (batch) => {
        batches.push(batch.map((item) => item.id))
        return new Promise(() => {})
      },
      { writeEachTurn: true },
    )
    void group.insert(delivery('a'))
    await new Promise((resolve) => setImmediate(resolve))
    void group.insert(delivery('b'))
    void group.insert(delivery('c'))
    await new Promise((resolve) => setImmediate(resolve))
    expect(batches).toEqual([['a'], ['b', 'c']])
  })

  it('counts the deliveries being written against the bound, and refuses more at once', async () => {
    const group = createGroupCommit(() => new Promise(() => {}), { writeEachTurn: true })
    const half = MAX_QUEUED_DELIVERIES / 2
    for (let index = 0; index < half; index += 1) void group.insert(delivery(`a${index}`))
    await new Promise((resolve) => setImmediate(resolve))
    for (let index = 0; index < half; index += 1) void group.insert(delivery(`b${index}`))
    await new Promise((resolve) => setImmediate(resolve))
    await expect(group.insert(delivery('one too many'))).rejects.toMatchObject({ code: 'storage_unavailable' })
  })
})

describe('group commit against a stalled writer', () => {
  it('still counts the deliveries refused after the timeout while the writer holds them, and takes more once it lets go', async () => {
    vi.useFakeTimers()
    try {
      const ends: (() => void)[] = []
      const group = createGroupCommit((batch) => new Promise((resolve) => ends.push(() => resolve(batch.map(() => 'inserted')))), {
        timeoutMs: 1000,
        writeEachTurn: true,
      })
      const refused = Array.from({ length: MAX_QUEUED_DELIVERIES }, (_, index) =>
        group.insert(delivery(`a${index}`)).catch((error: unknown) => error),
      )
      await vi.advanceTimersByTimeAsync(1000)
      expect(await Promise.all(refused)).toEqual(refused.map(() => expect.objectContaining({ code: 'storage_unavailable' })))
      await expect(group.insert(delivery('b'))).rejects.toMatchObject({
        code: 'storage_unavailable',
        message: expect.stringMatching(/Too many deliveries/),
      })
      for (const end of ends) end()
      await vi.advanceTimersByTimeAsync(0)
      const accepted = group.insert(delivery('c'))
      await vi.advanceTimersByTimeAsync(0)
      ends.at(-1)?.()
      await expect(accepted).resolves.toBe('inserted')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('group commit deadlines', () => {
  it("refuses a delivery queued behind a stalled write at its own deadline, and aborts the stalled write's signal", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'performance'] })
    try {
      const signals: AbortSignal[] = []
      const group = createGroupCommit(
        (_batch, deadlinePassed) => {
          signals.push(deadlinePassed)
          return new Promise(() => {})
        },
        { timeoutMs: 1000 },
      )
      const answeredAt: Record<string, number> = {}
      const insert = (id: string) =>
        group.insert(delivery(id)).catch((error: unknown) => {
          answeredAt[id] = performance.now()
          return error
        })
      const start = performance.now()
      const first = insert('a')
      await vi.advanceTimersByTimeAsync(500)
      // Queued while the first write stalls: it waits for that write, but not past its own deadline.
      const second = insert('b')
      await vi.advanceTimersByTimeAsync(500)
      expect(await first).toMatchObject({ code: 'storage_unavailable' })
      expect(signals.map((signal) => signal.aborted)).toEqual([true, false])
      await vi.advanceTimersByTimeAsync(500)
      expect(await second).toMatchObject({ code: 'storage_unavailable' })
      expect(signals.map((signal) => signal.aborted)).toEqual([true, true])
      expect({ a: (answeredAt['a'] ?? 0) - start, b: (answeredAt['b'] ?? 0) - start }).toEqual({ a: 1000, b: 1500 })
    } finally {
      vi.useRealTimers()
    }
  })
})
