import { useNavigate } from '@tanstack/react-router'
import { useId } from 'react'
import { toBackendError } from '../backend/backend-error'
import { useDeleteAutomation } from '../backend/trigger-queries'
import { ModalDialog } from '../ui/modal-dialog'

type DeleteAutomationDialogProps = {
  automationId: string
  /** Runs before the delete is sent; see `useDeleteAutomation`. */
  beforeDelete: () => Promise<unknown>
  onClose: () => void
}

/** Asks before deleting an automation; on success the user is back on the Automations list. */
export function DeleteAutomationDialog({ automationId, beforeDelete, onClose }: DeleteAutomationDialogProps) {
  const cancelId = useId()
  const remove = useDeleteAutomation(automationId, { beforeDelete })
  const navigate = useNavigate()

  // Closing mid-delete would drop the answer (the mutation's callbacks need this dialog mounted),
  // leaving the user on the page of an automation that may be gone.
  function close() {
    if (!remove.isPending) onClose()
  }

  return (
    // Focus starts on Cancel: Enter right after opening must not delete anything.
    <ModalDialog title="Delete this automation?" onClose={close} initialFocusId={cancelId}>
      <p>
        Its trigger is deleted with it, and so is the trigger’s BigCommerce webhook: the store stops sending it events. This cannot be
        undone.
      </p>
      {remove.isError && (
        <p className="field-error" role="alert">
          The automation was not deleted: {toBackendError(remove.error).message}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="button button-danger"
          aria-busy={remove.isPending || undefined}
          onClick={() => {
            if (!remove.isPending)
              remove.mutate(undefined, {
                // Past the leave guard: nothing is left to lose once the automation is gone.
                onSuccess: () => void navigate({ to: '/', ignoreBlocker: true }),
              })
          }}
        >
          {remove.isPending && <span className="spinner" aria-hidden="true" />}
          Delete
        </button>
        <button id={cancelId} type="button" className="button button-secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </ModalDialog>
  )
}
