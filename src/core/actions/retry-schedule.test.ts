import { describe, expect, it } from 'vitest'
import { DEFAULT_RETRY_SCHEDULE, nextRetryDelay, parseRetrySchedule, retryAfterMs } from './retry-schedule'

describe('parseRetrySchedule', () => {
  it('reads the default, Svix-like schedule', () => {
    expect(parseRetrySchedule(DEFAULT_RETRY_SCHEDULE)).toEqual([5000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000])
  })

  it('reads short schedules for tests, and refuses what it cannot read', () => {
    expect(parseRetrySchedule('500ms, 1s,1.5s')).toEqual([500, 1000, 1500])
    expect(() => parseRetrySchedule('5x')).toThrow(/a number and a unit/)
    expect(() => parseRetrySchedule('1s,,2s')).toThrow(/not a retry schedule/)
  })
})

describe('nextRetryDelay', () => {
  const schedule = [1000, 60_000]

  it('waits the scheduled time, give or take a fifth, then gives up', () => {
    expect(nextRetryDelay(schedule, 1, { random: () => 0 })).toBe(800)
    expect(nextRetryDelay(schedule, 1, { random: () => 1 })).toBe(1200)
    expect(nextRetryDelay(schedule, 2, { random: () => 0.5 })).toBe(60_000)
    expect(nextRetryDelay(schedule, 3)).toBeNull()
  })

  it('honours a longer Retry-After, up to the longest wait', () => {
    expect(nextRetryDelay(schedule, 1, { random: () => 0.5, retryAfterMs: 30_000 })).toBe(30_000)
    expect(nextRetryDelay(schedule, 1, { random: () => 0.5, retryAfterMs: 10 })).toBe(1000)
    expect(nextRetryDelay(schedule, 1, { random: () => 0.5, retryAfterMs: 999_999 })).toBe(60_000)
  })
})

describe('retryAfterMs', () => {
  const now = new Date('2030-01-01T00:00:00Z')
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs('Tue, 01 Jan 2030 00:00:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('soon', now)).toBeNull()
    expect(retryAfterMs(null, now)).toBeNull()
  })
})
