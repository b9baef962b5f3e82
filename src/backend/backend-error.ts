import { BackendError } from '../contract/errors'

/**
 * Any rejection as a `BackendError`, for a view to show its message. A backend is meant to reject
 * with nothing else, but a host's own implementation or a bug can throw a plain `Error`.
 */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error
  return new BackendError('internal', error instanceof Error ? error.message : 'Something went wrong.')
}
