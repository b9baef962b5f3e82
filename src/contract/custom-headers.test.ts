import { describe, expect, it } from 'vitest'
import {
  customHeaderProblems,
  customHeadersSchema,
  MAX_CUSTOM_HEADERS,
  MAX_HEADER_VALUE_BYTES,
  TRIGGER_SECRET_HEADER,
  type CustomHeader,
} from './custom-headers'

const problemsOf = (...headers: CustomHeader[]) => customHeaderProblems(headers)

describe('customHeaderProblems', () => {
  it('accepts ordinary headers, including an empty value', () => {
    expect(
      problemsOf({ name: 'X-Tenant', value: 'acme' }, { name: 'Authorization', value: 'Bearer t0k3n' }, { name: 'X-Empty', value: '' }),
    ).toEqual([])
  })

  it('puts each problem at the row and cell to blame', () => {
    expect(problemsOf({ name: 'X-Ok', value: '1' }, { name: 'Bad Name', value: '2' })).toEqual([
      { index: 1, key: 'name', message: expect.stringMatching(/^A header name may use only letters, digits/) },
    ])
  })

  it.each(['', '   '])('asks for a name when it is %j', (name) => {
    expect(problemsOf({ name, value: 'v' })).toEqual([{ index: 0, key: 'name', message: 'Enter a header name.' }])
  })

  it.each(['X Tenant', 'X-Tenant:', 'Ünïcode', 'a/b', 'a@b'])('refuses %j, which is not an HTTP token', (name) => {
    expect(problemsOf({ name, value: 'v' })[0]?.message).toMatch(/may use only letters, digits/)
  })

  it('refuses a name used before, whatever its case, and names the first row', () => {
    expect(problemsOf({ name: 'X-Tenant', value: 'a' }, { name: 'x-tenant', value: 'b' })).toEqual([
      { index: 1, key: 'name', message: 'x-tenant is already used in row 1. Header names are case-insensitive.' },
    ])
  })

  it.each(['Host', 'content-length', 'Content-Type', 'TRANSFER-ENCODING', 'Connection', TRIGGER_SECRET_HEADER, 'webhook-signature'])(
    'refuses the reserved name %j',
    (name) => {
      expect(problemsOf({ name, value: 'v' })[0]).toMatchObject({
        key: 'name',
        message: expect.stringMatching(/cannot be a custom header/),
      })
    },
  )

  it.each(['line\nbreak', 'carriage\rreturn'])('refuses a value with a line break: %j', (value) => {
    expect(problemsOf({ name: 'X-A', value })).toEqual([{ index: 0, key: 'value', message: 'A header value cannot contain line breaks.' }])
  })

  it.each(['nul\u0000byte', 'bell\u0007', 'escape\u001b[0m', 'delete\u007f', 'vertical\u000btab'])(
    'refuses a value with a control character (RFC 9110 §5.5): %j',
    (value) => {
      expect(problemsOf({ name: 'X-A', value })).toEqual([
        { index: 0, key: 'value', message: 'A header value cannot contain control characters such as NUL; only tabs are allowed.' },
      ])
    },
  )

  it('accepts tabs and Latin-1 letters in a value, and refuses characters a header octet cannot hold', () => {
    expect(problemsOf({ name: 'X-A', value: 'a\tb' }, { name: 'X-B', value: 'café' })).toEqual([])
    expect(problemsOf({ name: 'X-A', value: 'snow ☃' })[0]?.message).toMatch(/only Latin letters/)
  })

  it('counts a value’s size in bytes, not characters', () => {
    expect(problemsOf({ name: 'X-A', value: 'a'.repeat(MAX_HEADER_VALUE_BYTES) })).toEqual([])
    // 'é' is two bytes in UTF-8, so 513 of them are 1026 bytes.
    expect(problemsOf({ name: 'X-A', value: 'é'.repeat(513) })).toEqual([
      { index: 0, key: 'value', message: 'A header value can be at most 1024 bytes (this one is 1026).' },
    ])
  })

  it(`refuses every header after the ${MAX_CUSTOM_HEADERS}th`, () => {
    const headers = Array.from({ length: MAX_CUSTOM_HEADERS + 2 }, (_, index) => ({ name: `X-H${index}`, value: 'v' }))
    expect(customHeaderProblems(headers).map((problem) => problem.index)).toEqual([MAX_CUSTOM_HEADERS, MAX_CUSTOM_HEADERS + 1])
  })
})

describe('customHeadersSchema', () => {
  it('reports the same problems at dotted paths a form can show them at', () => {
    const result = customHeadersSchema.safeParse([
      { name: 'X-A', value: 'ok' },
      { name: 'X-A', value: 'x\ny' },
    ])
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['1.name', 'X-A is already used in row 1. Header names are case-insensitive.'],
      ['1.value', 'A header value cannot contain line breaks.'],
    ])
  })
})
