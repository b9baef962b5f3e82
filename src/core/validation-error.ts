import type * as z from 'zod/mini'
import { BackendError, type ErrorCode } from '../contract/errors'

/** A zod path as the contract's `field`: `headers.2.name`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

type IssueAsError = {
  /** `validation_failed` unless the caller's contract says otherwise. */
  code?: ErrorCode
  /** Where the parsed value sits in the caller's input, e.g. `['payload', 'data']`. */
  under?: readonly PropertyKey[]
  /** Words of the caller's own, given the issue and its dotted field; the issue's message otherwise. */
  message?: (issue: z.core.$ZodIssue | undefined, field: string | undefined) => string
  /** False when the path names something the user did not type (a BigCommerce reply, say). */
  withField?: boolean
}

/**
 * The one way a failed parse becomes the error shape: its first issue, with its message at the
 * field to blame, so a form can show it there. Every boundary that parses uses it.
 */
export function validationError(error: z.core.$ZodError, options: IssueAsError = {}): BackendError {
  const { code = 'validation_failed', under = [], message, withField = true } = options
  const issue = error.issues[0]
  const path = [...under, ...(issue?.path ?? [])]
  const field = path.length > 0 ? dottedPath(path) : undefined
  const words = message ? message(issue, field) : (issue?.message ?? 'The request is not valid.')
  return new BackendError(code, words, withField && field ? { field } : {})
}

/** Parses input with a contract schema, or throws its first problem as `validation_failed`. */
export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}
