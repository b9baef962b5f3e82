import * as z from 'zod/mini'

/** Every error the backend answers, over HTTP or in-process, has this one shape. */
export const errorCodeSchema = z.enum([
  'malformed_json', // the body is not JSON at all (a syntax error): 400, where a rule broken is 422
  'validation_failed', // a request field is wrong; `field` names it
  'invalid_credentials', // BigCommerce refused the Store Hash / Access Token pair
  'missing_scope', // the token lacks an OAuth scope the call needs
  'not_found',
  'conflict',
  'incomplete_trigger', // save or test before the draft is complete
  'webhooks_unavailable', // no PUBLIC_URL, so BigCommerce cannot reach us
  'rate_limited',
  'upstream_error', // BigCommerce answered 5xx or could not be reached
  'unauthorized', // a webhook delivery without the right secret
  'forbidden', // the UI or API asked for at an address this server does not serve them at (see server.ts)
  'payload_too_large',
  'storage_unavailable', // the database could not take a write now (slow, full, locked): retry after a pause
  'unsupported_media_type', // an API request body that is not declared as JSON
  'internal',
])
export type ErrorCode = z.infer<typeof errorCodeSchema>

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Dotted path of the form field to blame, e.g. `storeHash` or `headers.2.name`. */
    field: z.optional(z.string()),
  }),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

/** The one error class of the app: thrown by the core and by `httpBackend` alike. */
export class BackendError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined
  /**
   * Always `statusForCode(code)`: the code is what the HTTP app answers with, so a status
   * BigCommerce (or anything else) answered can never leak through as ours.
   */
  readonly status: number

  constructor(code: ErrorCode, message: string, options: { field?: string } = {}) {
    super(message)
    this.name = 'BackendError'
    this.code = code
    this.field = options.field
    this.status = statusForCode(code)
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } }
  }
}

/**
 * Seconds a caller should wait before trying again, for the codes that mean "not now": sent as
 * `Retry-After`, which BigCommerce's retries and any HTTP client understand.
 */
export function retryAfterSeconds(code: ErrorCode): number | undefined {
  return code === 'storage_unavailable' ? 5 : undefined
}

export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'malformed_json':
      return 400
    case 'validation_failed':
    case 'incomplete_trigger':
      return 422
    case 'invalid_credentials':
    case 'missing_scope':
      return 422 // the caller's input is wrong, not the caller's session
    case 'unauthorized':
      return 401
    case 'forbidden':
      return 403
    case 'not_found':
      return 404
    case 'conflict':
      return 409
    case 'payload_too_large':
      return 413
    case 'unsupported_media_type':
      return 415
    case 'rate_limited':
      return 429
    case 'webhooks_unavailable':
    case 'storage_unavailable':
      return 503
    case 'upstream_error':
      return 502
    case 'internal':
      return 500
  }
}
