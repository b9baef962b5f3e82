import { describe, expect, it } from 'vitest'
import {
  accessTokenProblem,
  clientSecretProblem,
  MAX_ACCESS_TOKEN_LENGTH,
  normalizeAccessToken,
  normalizeClientSecret,
} from './access-token'

const problemOf = (typed: string) => accessTokenProblem(normalizeAccessToken(typed))

describe('accessTokenProblem', () => {
  it('accepts a BigCommerce token, with the spaces a paste brings around it', () => {
    expect(problemOf('  q8w2e4r6t1y3u5i7o9p0a2s4d6f8g1h\n')).toBeUndefined()
    expect(normalizeAccessToken(' abc ')).toBe('abc')
  })

  it.each(['', '   '])('asks for a token when it is %j', (typed) => {
    expect(problemOf(typed)).toBe('Enter the Access Token.')
  })

  it('refuses whitespace inside', () => {
    expect(problemOf('abc def')).toMatch(/no spaces or line breaks/)
  })

  it.each([
    ['a NUL', 'abc\u0000def'],
    ['a control character', 'abc\u0007def'],
    ['a non-ASCII letter', 'abcdéf'],
    ['a character beyond Latin-1', 'abc☃def'],
  ])('refuses %s, without repeating the token', (_what, token) => {
    const problem = problemOf(token)
    expect(problem).toMatch(/only letters, digits and ASCII punctuation/)
    expect(problem).not.toContain('abc')
  })

  it('refuses a token longer than any BigCommerce gives, saying how long it is', () => {
    expect(problemOf('a'.repeat(MAX_ACCESS_TOKEN_LENGTH))).toBeUndefined()
    expect(problemOf('a'.repeat(200_000))).toBe(
      `An Access Token is at most ${MAX_ACCESS_TOKEN_LENGTH} characters; this one has 200000. Copy it again from the API account.`,
    )
  })
})

describe('clientSecretProblem', () => {
  const secretProblemOf = (typed: string) => clientSecretProblem(normalizeClientSecret(typed))

  it('accepts none, or a BigCommerce client secret with the spaces a paste brings', () => {
    expect(secretProblemOf('')).toBeUndefined()
    expect(secretProblemOf('  ')).toBeUndefined()
    expect(secretProblemOf(' h7g5f3d1s9a8p6o4i2u0y8t6r4e2w1q\n')).toBeUndefined()
  })

  it('refuses what no client secret looks like, in its own name and without repeating it', () => {
    expect(secretProblemOf('abc def')).toBe('A Client Secret has no spaces or line breaks. Copy it again.')
    expect(secretProblemOf('abcdéf')).toMatch(/^A Client Secret holds only letters, digits and ASCII punctuation/)
    expect(secretProblemOf('a'.repeat(300))).toMatch(/^A Client Secret is at most 256 characters; this one has 300\./)
  })
})
