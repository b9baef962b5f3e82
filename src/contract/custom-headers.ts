import * as z from 'zod/mini'

export const MAX_CUSTOM_HEADERS = 20
export const MAX_HEADER_VALUE_BYTES = 1024

/** The header the backend adds to every webhook it registers, to authenticate deliveries. */
export const TRIGGER_SECRET_HEADER = 'X-Trigger-Secret'

/**
 * Names a user may not set: framing headers the HTTP stack owns, our own secret header,
 * and the Standard Webhooks headers BigCommerce signs deliveries with.
 */
export const RESERVED_HEADER_NAMES = [
  'Host',
  'Content-Length',
  'Content-Type',
  'Transfer-Encoding',
  'Connection',
  TRIGGER_SECRET_HEADER,
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
] as const

// RFC 9110 §5.6.2: token = 1*tchar
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// RFC 9110 §5.5: a field value is visible characters, spaces and tabs (plus obs-text, octets
// 0x80-0xFF); CR, LF and NUL in particular must be refused. Line breaks get their own words.
// oxlint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\x00-\x08\x0a-\x1f\x7f]/
// A header is octets: a character past U+00FF has no single octet, and fetch refuses it. Tested
// after CONTROL_CHARACTER, so what it finds is always such a character.
const BEYOND_LATIN_1 = /[^\t\x20-\xff]/

export const customHeaderSchema = z.object({ name: z.string(), value: z.string() })
export type CustomHeader = z.infer<typeof customHeaderSchema>

export type HeaderProblem = { index: number; key: 'name' | 'value'; message: string }

function byteLength(value: string): number {
  return new TextEncoder().encode(value).length
}

const RESERVED = new Set<string>(RESERVED_HEADER_NAMES.map((name) => name.toLowerCase()))

/** Every problem in a list of custom headers, each pointing at the row and cell to blame. */
export function customHeaderProblems(headers: readonly CustomHeader[]): HeaderProblem[] {
  const problems: HeaderProblem[] = []
  const seen = new Map<string, number>()
  headers.forEach((header, index) => {
    const name = header.name.trim()
    const lower = name.toLowerCase()
    if (index >= MAX_CUSTOM_HEADERS) {
      problems.push({ index, key: 'name', message: `At most ${MAX_CUSTOM_HEADERS} custom headers are allowed. Remove this one.` })
    } else if (name === '') {
      problems.push({ index, key: 'name', message: 'Enter a header name.' })
    } else if (!HTTP_TOKEN.test(name)) {
      problems.push({
        index,
        key: 'name',
        message: "A header name may use only letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (no spaces or colons).",
      })
    } else if (RESERVED.has(lower)) {
      problems.push({ index, key: 'name', message: `${name} is set by the HTTP stack or by this app, so it cannot be a custom header.` })
    } else if (seen.has(lower)) {
      problems.push({
        index,
        key: 'name',
        message: `${name} is already used in row ${(seen.get(lower) ?? 0) + 1}. Header names are case-insensitive.`,
      })
    }
    if (!seen.has(lower)) seen.set(lower, index)
    if (/[\r\n]/.test(header.value)) {
      problems.push({ index, key: 'value', message: 'A header value cannot contain line breaks.' })
    } else if (CONTROL_CHARACTER.test(header.value)) {
      problems.push({
        index,
        key: 'value',
        message: 'A header value cannot contain control characters such as NUL; only tabs are allowed.',
      })
    } else if (BEYOND_LATIN_1.test(header.value)) {
      problems.push({
        index,
        key: 'value',
        message: 'A header value can hold only Latin letters, digits, punctuation, spaces and tabs (no emoji or other scripts).',
      })
    } else if (byteLength(header.value) > MAX_HEADER_VALUE_BYTES) {
      problems.push({
        index,
        key: 'value',
        message: `A header value can be at most ${MAX_HEADER_VALUE_BYTES} bytes (this one is ${byteLength(header.value)}).`,
      })
    }
  })
  return problems
}

/**
 * A complete configuration's headers: the same rules, reported at `headers.{i}.{name|value}`.
 * The rules ignore spaces around a name, so the name is saved (and sent to BigCommerce)
 * trimmed, here and only here: `X-Team ` and `X-Team` are one header. A draft keeps what was typed.
 */
export const customHeadersSchema = z.array(z.object({ name: z.string().check(z.trim()), value: z.string() })).check(
  z.superRefine((headers, ctx) => {
    for (const problem of customHeaderProblems(headers)) {
      ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.index, problem.key], input: headers })
    }
  }),
)
