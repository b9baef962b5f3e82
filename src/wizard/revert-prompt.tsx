import type { BackendError } from '../contract/errors'

/** Shown while a re-configured trigger differs from the saved one (the guide's revert note). */
export function RevertPrompt({ onRevert, pending, error }: { onRevert: () => void; pending: boolean; error: BackendError | null }) {
  return (
    <div className="alert alert-warning">
      <output>This trigger differs from the saved configuration.</output>
      <button
        type="button"
        className="button button-secondary"
        aria-busy={pending || undefined}
        onClick={() => {
          if (!pending) onRevert()
        }}
      >
        Revert Changes
      </button>
      {error && (
        <p className="field-error" role="alert">
          The changes were not reverted: {error.message}
        </p>
      )}
    </div>
  )
}
