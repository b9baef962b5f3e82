import { Link } from '@tanstack/react-router'
import { useId } from 'react'
import type { Account } from '../contract/accounts'
import { pluralForm } from '../contract/count-words'
import { toBackendError } from '../backend/backend-error'
import { useDeleteAccount } from '../backend/trigger-queries'
import { ModalDialog } from '../ui/modal-dialog'

type DeleteAccountDialogProps = {
  account: Account
  onClose: () => void
  onDeleted: () => void
}

/**
 * Asks before forgetting an account. While automations use it, it says which, with links, and
 * offers no Delete: Contentstack hides Delete then, which leaves users guessing why. The backend
 * refuses too, for a list that was out of date; its message names the automations.
 */
export function DeleteAccountDialog({ account, onClose, onDeleted }: DeleteAccountDialogProps) {
  const closeId = useId()
  const remove = useDeleteAccount(account.id)
  const users = account.usedBy.length
  const inUse = users > 0

  // Closing mid-delete would drop the answer, leaving the page unsure whether it is gone.
  function close() {
    if (!remove.isPending) onClose()
  }

  return (
    // Focus starts on Cancel (or Close): Enter right after opening must not delete anything.
    <ModalDialog title="Delete this account?" onClose={close} initialFocusId={closeId}>
      {inUse ? (
        <>
          <p>
            {account.name} cannot be deleted while{' '}
            {pluralForm(users, {
              one: 'an automation uses it. Choose another account in this automation, or delete it, first:',
              other: 'automations use it. Choose another account in these automations, or delete them, first:',
            })}
          </p>
          <ul aria-label={`Automations using ${account.name}`}>
            {account.usedBy.map((user) => (
              <li key={user.id}>
                <Link to="/automations/$automationId" params={{ automationId: user.id }}>
                  {user.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{account.name}’s Access Token is forgotten here. Its API account stays in BigCommerce: delete it there to revoke the token.</p>
      )}
      {remove.isError && (
        <p className="field-error" role="alert">
          The account was not deleted: {toBackendError(remove.error).message}
        </p>
      )}
      <div className="button-row">
        {!inUse && (
          <button
            type="button"
            className="button button-danger"
            aria-busy={remove.isPending || undefined}
            onClick={() => {
              if (remove.isPending) return
              remove.mutate(undefined, {
                onSuccess: onDeleted,
                // Refused, Delete goes once the list says who uses the account: focus must not go with it.
                onError: () => document.getElementById(closeId)?.focus(),
              })
            }}
          >
            {remove.isPending && <span className="spinner" aria-hidden="true" />}
            Delete
          </button>
        )}
        <button id={closeId} type="button" className="button button-secondary" onClick={close}>
          {inUse ? 'Close' : 'Cancel'}
        </button>
      </div>
    </ModalDialog>
  )
}
