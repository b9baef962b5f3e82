import type { SavedTrigger, TriggerDraft } from '../contract/trigger-config'
import type { BackendError } from '../contract/errors'
import { diffTriggerConfigs } from '../contract/trigger-diff'
import { useAccountsQuery } from '../backend/trigger-queries'
import { ModalDialog } from '../ui/modal-dialog'
import { usePlaceState } from '../ui/place-state'
import { TriggerDiffTable } from './trigger-diff-table'
import { wizardDialogs } from './trigger-tabs'

type RevertPromptProps = {
  /** The draft as the form has it now, which reaches the backend a moment later. */
  draft: TriggerDraft
  saved: SavedTrigger
  /** The version the draft was restored from, if it was. */
  restoredFrom: number | null
  onRevert: () => void
  pending: boolean
  error: BackendError | null
}

/**
 * Shown while a re-configured trigger differs from the saved one (the guide's revert note).
 * Revert Changes first shows what reverting would undo, field by field, and asks.
 */
export function RevertPrompt({ draft, saved, restoredFrom, onRevert, pending, error }: RevertPromptProps) {
  // In the place, so a reload or Back returns to the open confirmation.
  const [dialog, setDialog] = usePlaceState('dialog', wizardDialogs)
  const accounts = useAccountsQuery()
  const savedLabel = `Saved version ${saved.version}`
  return (
    <div className="alert alert-warning">
      <output>
        This trigger differs from the saved configuration.
        {restoredFrom !== null && ` It was restored from version ${restoredFrom}: save it to put it in effect.`}
      </output>
      <button
        type="button"
        className="button button-secondary"
        aria-busy={pending || undefined}
        onClick={() => {
          if (!pending) setDialog('revert')
        }}
      >
        Revert Changes
      </button>
      {error && (
        <p className="field-error" role="alert">
          The changes were not reverted: {error.message}
        </p>
      )}
      {dialog === 'revert' && (
        <ModalDialog title="Revert Changes?" onClose={() => setDialog(undefined)} initialFocusId="revert-keep-editing">
          <p>Reverting puts {savedLabel.toLowerCase()} back into the form. These changes go; nothing changes at BigCommerce.</p>
          <TriggerDiffTable
            diff={diffTriggerConfigs(draft, saved.config, accounts.data ?? [])}
            caption={`From the draft back to ${savedLabel.toLowerCase()}`}
            fromLabel="Draft"
            toLabel={savedLabel}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              onClick={() => {
                setDialog(undefined)
                onRevert()
              }}
            >
              Revert
            </button>
            <button id="revert-keep-editing" type="button" className="button button-secondary" onClick={() => setDialog(undefined)}>
              Keep editing
            </button>
          </div>
        </ModalDialog>
      )}
    </div>
  )
}
