import { BackendError, retryAfterSeconds, statusForCode, type ErrorBody } from '../contract/errors'
import { isStorageUnavailable } from '../core/storage-unavailable'

/**
 * Every failure as the one error shape, with the status its code maps to (never one carried
 * from elsewhere: a 401 from BigCommerce means the user's token is wrong, not their session).
 * Anything that is not a `BackendError` is not the caller's fault and its words may hold a
 * token, so the caller sees a generic answer and `onUnexpectedError` (a log) sees the error:
 * a 503 when the database could not answer (wherever that happened), else a 500.
 * The Node server answers its own failures, and deliveries, with this too.
 */
export function errorReply(
  error: unknown,
  onUnexpectedError?: (error: unknown) => void,
): { status: number; headers: Record<string, string>; body: ErrorBody } {
  if (!(error instanceof BackendError)) {
    onUnexpectedError?.(error)
    return errorReply(
      isStorageUnavailable(error)
        ? new BackendError('storage_unavailable', 'The database is unavailable just now. Try again in a few seconds.')
        : new BackendError('internal', 'Something went wrong on our side. Try again in a moment.'),
    )
  }
  const retryAfter = retryAfterSeconds(error.code)
  return {
    status: statusForCode(error.code),
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    body: error.toBody(),
  }
}

/** `errorReply` as a web Response. */
export function errorResponse(error: unknown, onUnexpectedError?: (error: unknown) => void): Response {
  const { status, headers, body } = errorReply(error, onUnexpectedError)
  return Response.json(body, { status, headers })
}

/** The 404 for a path nothing serves, shared with the Node server. */
export function notFoundResponse(request: { method: string; path: string }): Response {
  return errorResponse(new BackendError('not_found', `Nothing is served at ${request.method} ${request.path}.`))
}
