import type { AttemptRequest, AttemptResponse } from '../../contract/runs'

/**
 * What one try of one step came to. `success` hands its output to the steps after it;
 * `filtered` stops the run (Only continue if); `retryable` is tried again on the schedule (a
 * timeout, a network error, 408, 425, 429, 5xx, BigCommerce's rate limit); `failed` ends the
 * run at once (any other 4xx, a reference that is not there, a refused destination).
 */
export type StepResult =
  | { outcome: 'success'; output: unknown; message: string | null; request: AttemptRequest | null; response: AttemptResponse | null }
  | { outcome: 'filtered'; message: string; request: null; response: null }
  | { outcome: 'retryable'; message: string; request: AttemptRequest | null; response: AttemptResponse | null; retryAfterMs: number | null }
  | { outcome: 'failed'; message: string; request: AttemptRequest | null; response: AttemptResponse | null }

/** A step that cannot start (a missing reference, a bad header value): it fails before sending anything. */
export function failedBeforeSending(message: string): StepResult {
  return { outcome: 'failed', message, request: null, response: null }
}

/** What a log shows instead of a secret. */
export const MASK = '••••'

/** Kept of a request's or response's body. */
export const MAX_KEPT_BODY_BYTES = 64 * 1024

/** At most `MAX_KEPT_BODY_BYTES` of the text (cut at a character), and whether it was cut. */
export function keptText(text: string): { text: string; truncated: boolean } {
  const bytes = new TextEncoder().encode(text)
  if (bytes.length <= MAX_KEPT_BODY_BYTES) return { text, truncated: false }
  return { text: new TextDecoder().decode(bytes.subarray(0, MAX_KEPT_BODY_BYTES)).replace(/\uFFFD$/, ''), truncated: true }
}
