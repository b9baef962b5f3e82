/**
 * When a failed step is tried again. By default Svix's schedule (5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h: eight attempts over about 28 hours), which outlasts a destination's bad day;
 * `ACTION_RETRY_SCHEDULE` sets another (tests and benchmarks use seconds).
 */
export const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h'

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** `5s,5m,30m` → the waits in ms; throws with words on anything else. */
export function parseRetrySchedule(text: string): number[] {
  const waits = text.split(',').map((part) => part.trim())
  if (waits.length === 0 || waits.some((part) => part === ''))
    throw new Error(`"${text}" is not a retry schedule: list waits such as 5s,5m,30m.`)
  return waits.map((part) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(part)
    if (!match?.[1] || !match[2]) throw new Error(`"${part}" is not a wait: write a number and a unit (ms, s, m, h or d), such as 30s.`)
    return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS])
  })
}

/** Waits of up to a fifth more or less, so runs that failed together do not all come back together. */
export const RETRY_JITTER = 0.2

/**
 * The wait before the attempt after `failedAttempts` failures, or null when the schedule is
 * spent. A `Retry-After` the destination sent is honoured when it asks for longer (never
 * beyond the schedule's longest wait, so one answer cannot park a run for a week).
 */
export function nextRetryDelay(
  schedule: readonly number[],
  failedAttempts: number,
  options: { retryAfterMs?: number | null; random?: () => number } = {},
): number | null {
  const base = schedule[failedAttempts - 1]
  if (base === undefined) return null
  const random = options.random ?? Math.random
  const jittered = Math.round(base * (1 - RETRY_JITTER + 2 * RETRY_JITTER * random()))
  const longest = Math.max(...schedule)
  const asked = options.retryAfterMs ?? null
  return asked !== null && asked > jittered ? Math.min(asked, longest) : jittered
}

/** `Retry-After` as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null || header.trim() === '') return null
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime())
}
