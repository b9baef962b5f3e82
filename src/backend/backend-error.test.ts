import { describe, expect, it } from 'vitest'
import { BackendError } from '../contract/errors'
import { toBackendError } from './backend-error'

describe('toBackendError', () => {
  it('keeps a BackendError as it is, and words anything else as an internal one', () => {
    const refused = new BackendError('missing_scope', 'The token lacks Products: read-only.', { field: 'accessToken' })
    expect(toBackendError(refused)).toBe(refused)
    expect(toBackendError(new TypeError('Failed to fetch'))).toMatchObject({ code: 'internal', message: 'Failed to fetch' })
    expect(toBackendError('nope')).toMatchObject({ code: 'internal', message: 'Something went wrong.' })
  })
})
