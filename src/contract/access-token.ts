import * as z from 'zod/mini'

/**
 * What a BigCommerce access token can look like. Real ones are about 30 lowercase letters and
 * digits; we accept any printable ASCII, since the token only has to survive an HTTP header, and
 * refuse everything else here, at the boundary, rather than as a confusing failure of the request
 * it goes into (a NUL or a non-Latin-1 character makes `fetch` throw; a huge one makes
 * BigCommerce answer 431). Messages describe the token, never repeat it: it is a secret.
 */
export const MAX_ACCESS_TOKEN_LENGTH = 256

// Surrounding whitespace is a copy-and-paste accident and is trimmed; inside, it never is a token.
const WHITESPACE = /\s/
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/

export function normalizeAccessToken(input: string): string {
  return input.trim()
}

export function accessTokenProblem(normalized: string): string | undefined {
  if (normalized === '') return 'Enter the Access Token.'
  return credentialProblem(normalized, 'An Access Token', 'from the API account')
}

/**
 * The API account's Client Secret follows the same rules: it is a key the receiver checks
 * signatures with, and a copy-and-paste accident must not become a key that refuses everything.
 * Empty means none was given, which is allowed.
 */
export const normalizeClientSecret = normalizeAccessToken

export function clientSecretProblem(normalized: string): string | undefined {
  if (normalized === '') return undefined
  return credentialProblem(normalized, 'A Client Secret', 'from the API account’s credentials file')
}

function credentialProblem(normalized: string, what: string, source: string): string | undefined {
  if (WHITESPACE.test(normalized)) return `${what} has no spaces or line breaks. Copy it again.`
  if (normalized.length > MAX_ACCESS_TOKEN_LENGTH) {
    return `${what} is at most ${MAX_ACCESS_TOKEN_LENGTH} characters; this one has ${normalized.length}. Copy it again ${source}.`
  }
  if (!PRINTABLE_ASCII.test(normalized)) {
    return `${what} holds only letters, digits and ASCII punctuation; this one has another character in it. Copy it again.`
  }
  return undefined
}

/** Form fields for a token and a Client Secret as typed: the rules above, on the normalised value. */
export const accessTokenFieldSchema = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = accessTokenProblem(normalizeAccessToken(value))
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
  }),
)
export const clientSecretFieldSchema = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = clientSecretProblem(normalizeClientSecret(value))
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
  }),
)
