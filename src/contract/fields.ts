import * as z from 'zod/mini'

/** Fields the contract repeats: ids, times, and a name a person gives. */

export const id = z.string().check(z.minLength(1))

export const isoTime = z.string()

/**
 * A name a user gives (an automation's, an account's), trimmed: text a person can read, so no
 * control character (a bell, an escape, a line break inside) and no line or paragraph separator,
 * which pages and logs would show as nothing, or as a break in the wrong place.
 */
export const displayName = z.string().check(
  z.trim(),
  z.minLength(1, 'Enter a name.'),
  z.maxLength(100, 'Keep the name under 100 characters.'),
  z.refine((name) => !/[\p{Cc}\u2028\u2029]/u.test(name), 'A name cannot hold control characters, such as a tab or a line break.'),
)
