/**
 * A field's error message. It is an alert so screen readers announce it as it appears, and its id
 * is what the field's aria-describedby points at. Nothing is rendered while there is no message.
 */
export function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null
  return (
    <p id={id} className="field-error" role="alert">
      {message}
    </p>
  )
}

/** The form's own error, announced as it appears; nothing while there is none. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <div className="alert alert-error" role="alert">
      {message}
    </div>
  )
}

/**
 * An aria-describedby value from the ids that apply now. Undefined rather than an empty string,
 * so a field with nothing to point at gets no attribute at all.
 */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined
}
