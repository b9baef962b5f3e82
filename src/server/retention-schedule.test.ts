// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ServerLogger } from './log'
import { startRetentionSchedule } from './retention-schedule'

afterEach(() => {
  vi.useRealTimers()
})

describe('startRetentionSchedule', () => {
  it('purges at start-up and then every interval, logging only what it removed', async () => {
    vi.useFakeTimers()
    const purge = vi.fn<() => Promise<number>>().mockResolvedValueOnce(3).mockResolvedValue(0)
    const logger = { info: vi.fn<ServerLogger['info']>(), error: vi.fn<ServerLogger['error']>() }
    const schedule = startRetentionSchedule({ purge, retentionDays: 30, logger, intervalMs: 1000 })
    await schedule.firstRun
    expect(logger.info).toHaveBeenCalledWith('Retention: purged 3 deliveries older than 30 days', { purged: 3 })
    await vi.advanceTimersByTimeAsync(2500)
    expect(purge).toHaveBeenCalledTimes(3)
    expect(logger.info).toHaveBeenCalledTimes(1)
    schedule.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(purge).toHaveBeenCalledTimes(3)
  })

  it('logs a failed run and tries again at the next', async () => {
    vi.useFakeTimers()
    const purge = vi.fn<() => Promise<number>>().mockRejectedValueOnce(new Error('SQLITE_BUSY')).mockResolvedValue(1)
    const logger = { info: vi.fn<ServerLogger['info']>(), error: vi.fn<ServerLogger['error']>() }
    const schedule = startRetentionSchedule({ purge, retentionDays: 7, logger, intervalMs: 1000 })
    await schedule.firstRun
    expect(logger.error).toHaveBeenCalledWith('Retention purge failed: SQLITE_BUSY')
    await vi.advanceTimersByTimeAsync(1000)
    expect(logger.info).toHaveBeenCalledWith('Retention: purged 1 delivery older than 7 days', { purged: 1 })
    schedule.stop()
  })
})
