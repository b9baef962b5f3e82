import { Webhook, WebhookVerificationError } from 'standardwebhooks'

/**
 * BigCommerce signs HTTPS deliveries with Standard Webhooks, keyed by the API account's Client
 * Secret (docs/bigcommerce-api-notes.md §3.5). The official `standardwebhooks` package checks them: the HMAC over
 * `{webhook-id}.{webhook-timestamp}.{raw body}`, in constant time, and that the timestamp is
 * within its built-in 5 minutes of now (`WEBHOOK_TOLERANCE_IN_SECONDS`, read from `Date.now()`),
 * so a captured delivery cannot be replayed later.
 */

/** The three headers as the delivery carried them; null when one is absent. */
export type SignatureHeaders = { id: string | null; timestamp: string | null; signature: string | null }

/**
 * BigCommerce's sample builds `new Webhook(base64(CLIENT_SECRET))`: the key is the secret's own
 * bytes, which the package's `raw` format takes as they are.
 */
function webhookFor(clientSecret: string): Webhook {
  return new Webhook(new TextEncoder().encode(clientSecret), { format: 'raw' })
}

/** The package's reasons, in words a user can act on; they never hold the secret or the signature. */
const REASONS: Record<string, string> = {
  'Missing required headers': 'The delivery is signed, but its webhook-id or webhook-timestamp header is missing.',
  'Invalid Signature Headers': 'The webhook-timestamp header is not a time.',
  'Message timestamp too old': 'The webhook-timestamp is more than 5 minutes old: a replayed delivery, or a clock far off.',
  'Message timestamp too new': 'The webhook-timestamp is more than 5 minutes ahead: a clock far off.',
  'No matching signature found': 'The webhook-signature does not match this body and the account’s Client Secret.',
}

/** Null when the signature is good; else why not. `rawBody` is the body exactly as received. */
export function signatureProblem(clientSecret: string, rawBody: string, headers: SignatureHeaders): string | null {
  const present: Record<string, string> = {}
  if (headers.id !== null) present['webhook-id'] = headers.id
  if (headers.timestamp !== null) present['webhook-timestamp'] = headers.timestamp
  if (headers.signature !== null) present['webhook-signature'] = headers.signature
  try {
    webhookFor(clientSecret).verify(rawBody, present, { jsonParse: false })
    return null
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error
    return REASONS[error.message] ?? 'The webhook-signature could not be verified.'
  }
}
