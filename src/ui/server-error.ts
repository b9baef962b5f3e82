import { useState } from 'react'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { toBackendError } from '../backend/backend-error'

/**
 * Where a dialog's failed call says what went wrong. Nothing typed is reset: a message that
 * names one of `fields` goes to that field, which takes the focus; any other goes to the form,
 * shown by `FormError` (field-error.tsx). `clear` goes before each new call.
 */
export function useServerError<Values extends FieldValues>(fields: readonly Path<Values>[], setError: UseFormSetError<Values>) {
  const [formError, setFormError] = useState<string | null>(null)
  return {
    formError,
    clear: () => setFormError(null),
    onError: (caught: unknown) => {
      const error = toBackendError(caught)
      const field = fields.find((name) => name === error.field)
      if (field) setError(field, { type: 'server', message: error.message }, { shouldFocus: true })
      else setFormError(error.message)
    },
  }
}
