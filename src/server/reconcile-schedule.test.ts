// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ReconcileRun } from '../core/reconciler'
import { startReconcileSchedule } from './reconcile-schedule'

afterEach(() => {
  vi.useRealTimers()
})

describe('startReconcileSchedule', () => {
  it('runs at start-up, then every interval give or take a fifth, and logs what each run cost', async () => {
    vi.useFakeTimers()
    const lines: string[] = []
    const reconcileAll = vi.fn<() => Promise<ReconcileRun>>(async () => ({ triggers: 2, requests: 3, changes: 1, failed: 0, busy: 0 }))
    const schedule = startReconcileSchedule({
      reconcileAll,
      intervalMs: 300_000,
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
      random: () => 0,
    })
    await schedule.firstRun
    expect(reconcileAll).toHaveBeenCalledTimes(1)
    expect(lines).toEqual(['Reconciler (start-up): 2 triggers, 3 requests to BigCommerce, 1 change, 0 failed, 0 busy elsewhere'])
    await vi.advanceTimersByTimeAsync(239_999)
    expect(reconcileAll).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(reconcileAll).toHaveBeenCalledTimes(2)
    schedule.stop()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(reconcileAll).toHaveBeenCalledTimes(2)
  })

  it('keeps going after a failed run', async () => {
    vi.useFakeTimers()
    const lines: string[] = []
    const reconcileAll = vi
      .fn<() => Promise<ReconcileRun>>()
      .mockRejectedValueOnce(new Error('database is locked'))
      .mockResolvedValue({ triggers: 0, requests: 0, changes: 0, failed: 0, busy: 0 })
    const schedule = startReconcileSchedule({
      reconcileAll,
      intervalMs: 60_000,
      logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
      random: () => 1,
    })
    await schedule.firstRun
    await vi.advanceTimersByTimeAsync(72_000)
    expect(reconcileAll).toHaveBeenCalledTimes(2)
    expect(lines[0]).toBe('Reconciler (start-up) failed: database is locked')
    schedule.stop()
  })
})
