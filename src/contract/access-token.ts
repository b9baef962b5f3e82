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
  if (WHITESPACE.test(normalized)) return 'An Access Token has no spaces or line breaks. Copy it again.'
  if (normalized.length > MAX_ACCESS_TOKEN_LENGTH) {
    return `An Access Token is at most ${MAX_ACCESS_TOKEN_LENGTH} characters; this one has ${normalized.length}. Copy it again from the API account.`
  }
  if (!PRINTABLE_ASCII.test(normalized)) {
    return 'An Access Token holds only letters, digits and ASCII punctuation; this one has another character in it. Copy it again.'
  }
  return undefined
}

/** A form field for a token as typed: the rules above, on the normalised value. */
export const accessTokenFieldSchema = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = accessTokenProblem(normalizeAccessToken(value))
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
  }),
)
