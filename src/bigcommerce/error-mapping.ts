import { BackendError } from '../contract/errors'
import type { StoreCredentials } from '../core/ports'
import { v2ErrorSchema, v3ErrorSchema } from './reply-schemas'
import type { RequestSpec } from './transport'

/**
 * What a refusal from BigCommerce becomes: a `BackendError` whose code the core acts on
 * (`StorePlatform` in ports.ts lists them) and whose words are BigCommerce's own, with every
 * secret the request carried taken out.
 */

export function errorForStatus(status: number, detail: string, spec: RequestSpec, hash: string): BackendError {
  switch (status) {
    case 401:
      return new BackendError(
        'invalid_credentials',
        `BigCommerce did not accept this Access Token for store ${hash}. Check the Store Hash, and that the token belongs to an API account of this store that has not been deleted.`,
        { field: 'accessToken' },
      )
    case 403: {
      const need = spec.readScope
        ? `the OAuth scope “${spec.readScope.label}” (${spec.readScope.parameter})`
        : 'an OAuth scope this request needs'
      return new BackendError(
        'missing_scope',
        `The Access Token for store ${hash} lacks ${need} to read ${spec.what}. Store-level API account scopes cannot be changed: create an API account that has it.${withDetail(detail)}`,
      )
    }
    case 404:
      return new BackendError('not_found', `Store ${hash} has no ${spec.what}${withDetail(detail)}.`)
    case 400:
    case 422:
      return new BackendError('validation_failed', `BigCommerce refused ${spec.method} ${spec.path} (${status})${withDetail(detail)}.`)
    case 409:
      return new BackendError('conflict', `BigCommerce reported a conflict on ${spec.method} ${spec.path}${withDetail(detail)}.`)
    default:
      return new BackendError(
        'upstream_error',
        `BigCommerce answered ${status} to ${spec.method} ${spec.path} on store ${hash}${withDetail(detail)}.`,
      )
  }
}

/**
 * What a request sent that must never come back in an error's words: the token, and the hook's
 * header values (our X-Trigger-Secret, and custom ones such as an Authorization a user added),
 * in case BigCommerce quotes what it refused.
 */
export function secretsOf(credentials: StoreCredentials, body: unknown): string[] {
  const headers = typeof body === 'object' && body !== null && 'headers' in body ? body.headers : undefined
  const values = typeof headers === 'object' && headers !== null ? Object.values(headers).filter((value) => typeof value === 'string') : []
  // A value of a few characters ("on", "1") is no secret, and hiding it would mangle the words.
  return [credentials.accessToken, ...values].filter((secret) => secret.length >= 6)
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join('[redacted]'), text)
}

/** BigCommerce's own words from either error shape: the v3 title plus each field error, or the v2 messages. */
export function describeBody(body: unknown, secrets: readonly string[]): string {
  return redact(describeErrorShape(body), secrets)
}

function describeErrorShape(body: unknown): string {
  const v3 = v3ErrorSchema.safeParse(body)
  if (v3.success && (v3.data.title || v3.data.errors)) {
    const parts = v3.data.title ? [v3.data.title.replace(/\.$/, '')] : []
    const errors = v3.data.errors
    if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
      for (const [key, value] of Object.entries(errors)) parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    }
    return parts.join('; ')
  }
  const v2 = v2ErrorSchema.safeParse(body)
  if (v2.success) return v2.data.map((error) => error.message.replace(/\.$/, '')).join('; ')
  return ''
}

export function withDetail(detail: string): string {
  return detail === '' ? '' : `: ${detail}`
}

/**
 * The system's error code (ECONNREFUSED, ENOTFOUND…) and nothing else: messages of errors
 * thrown inside fetch may quote what was sent, and this text reaches users and logs.
 */
export function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : 'network error'
}
