import { Webhook } from 'standardwebhooks'

/**
 * Every HTTP Request is signed as Standard Webhooks says (https://www.standardwebhooks.com):
 * `webhook-id` (the same on every retry of one run's step, so a receiver drops repeats),
 * `webhook-timestamp` and `webhook-signature`, so any Standard Webhooks library verifies it.
 * After a rotation the old secret signs beside the new one for a day (the header holds
 * several signatures, space-separated), so receivers can move to the new one unhurried.
 */

/** How long a rotated-out secret keeps signing. */
export const PREVIOUS_SECRET_SIGNS_FOR_MS = 24 * 3600_000

/** A new secret in the form Standard Webhooks libraries take: `whsec_` and 32 random bytes in base64. */
export function newSigningSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `whsec_${btoa(binary)}`
}

/** One run's step is one message: its id is the same on every attempt, manual retries included. */
export function messageIdOf(runId: string, stepId: string): string {
  return `msg_${runId}_${stepId}`
}

/** The three headers for `body` sent at `at`, signed by each secret given (newest first). */
export function signatureHeaders(secrets: readonly string[], messageId: string, at: Date, body: string): Record<string, string> {
  if (secrets.length === 0) throw new Error('An HTTP Request step needs a signing secret to sign with.')
  const signatures = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body))
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  }
}
