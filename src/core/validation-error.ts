import type * as z from 'zod/mini'
import { BackendError } from '../contract/errors'

/** A zod path as the contract's `field`: `headers.2.name`. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.')
}

/**
 * The first issue of a failed parse as a `validation_failed` error, so a form can show the
 * message at the field to blame. Used by the service and by the HTTP app alike.
 */
export function validationError(error: z.core.$ZodError): BackendError {
  const issue = error.issues[0]
  const field = issue && issue.path.length > 0 ? dottedPath(issue.path) : undefined
  return new BackendError('validation_failed', issue?.message ?? 'The request is not valid.', field ? { field } : {})
}

/** Parses input with a contract schema, or throws its first problem as `validation_failed`. */
export function parseInput<T>(schema: z.ZodMiniType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw validationError(parsed.error)
  return parsed.data
}
