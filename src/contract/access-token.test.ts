import { describe, expect, it } from 'vitest'
import { accessTokenProblem, MAX_ACCESS_TOKEN_LENGTH, normalizeAccessToken } from './access-token'

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
