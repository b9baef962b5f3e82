import { useState, type ComponentProps } from 'react'

type SecretInputProps = Omit<ComponentProps<'input'>, 'type' | 'id'> & {
  id: string
  /** The toggle's words, e.g. "Show token". */
  showLabel: string
}

/**
 * A field for a secret: hidden as typed, with a toggle to check what was pasted. The toggle is a
 * pressed/unpressed button naming the field it controls, so its state is announced.
 */
export function SecretInput({ id, showLabel, className, ...inputProps }: SecretInputProps) {
  const [shown, setShown] = useState(false)
  return (
    <div className="input-with-button">
      <input
        id={id}
        className={['input', className].filter(Boolean).join(' ')}
        type={shown ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        {...inputProps}
      />
      <button
        type="button"
        className="button button-secondary"
        aria-pressed={shown}
        aria-controls={id}
        onClick={() => setShown((now) => !now)}
      >
        {showLabel}
      </button>
    </div>
  )
}
