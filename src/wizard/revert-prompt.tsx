import type { BackendError } from '../contract/errors'

/** Shown while a re-configured trigger differs from the saved one (the guide's revert note). */
export function RevertPrompt({ onRevert, pending, error }: { onRevert: () => void; pending: boolean; error: BackendError | null }) {
  return (
    <div className="alert alert-warning" role="status">
      <p>This trigger differs from the saved configuration.</p>
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
