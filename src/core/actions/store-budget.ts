import type { RunStorage } from './run-storage'

/**
 * One BigCommerce budget per store, shared by every automation and instance: all apps of a store
 * share its rate limit (Standard and Plus: 150 requests per 30 s), so a run that would spend it
 * waits instead, and a 429 pauses the store's runs until BigCommerce's reset
 * (docs/bigcommerce-api-notes.md §1.6). Kept in storage, so every instance sees a pause.
 */

/** When BigCommerce says no more but not for how long: its window is 30 s. */
export const DEFAULT_PAUSE_MS = 30_000
/** Runs leave this many requests of the window to the store's other apps and the UI. */
export const BUDGET_RESERVE = 5

export type RateLimitReading = { remaining: number | null; resetMs: number | null; limited: boolean }

export function createStoreBudget({ storage, now }: { storage: Pick<RunStorage, 'getStoreBudget' | 'putStoreBudget'>; now: () => Date }) {
  return {
    /** When the store may be called again, or null for now. */
    async pausedUntil(storeHash: string): Promise<string | null> {
      const budget = await storage.getStoreBudget(storeHash)
      if (!budget?.pausedUntil) return null
      return budget.pausedUntil > now().toISOString() ? budget.pausedUntil : null
    },

    /** What a reply's X-Rate-Limit-* headers (or a 429 without them) said of the window. */
    async record(storeHash: string, reading: RateLimitReading): Promise<void> {
      const at = now()
      const spent = reading.limited || (reading.remaining !== null && reading.remaining <= BUDGET_RESERVE)
      const pausedUntil = spent ? new Date(at.getTime() + (reading.resetMs ?? DEFAULT_PAUSE_MS)).toISOString() : null
      await storage.putStoreBudget({ storeHash, remaining: reading.remaining, pausedUntil, updatedAt: at.toISOString() })
    },
  }
}

export type StoreBudgetGate = ReturnType<typeof createStoreBudget>
