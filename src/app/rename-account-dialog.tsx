import { zodResolver } from '@hookform/resolvers/zod'
import { useId } from 'react'
import { useForm } from 'react-hook-form'
import { renameAccountRequestSchema, type Account, type RenameAccountRequest } from '../contract/accounts'
import { useRenameAccount } from '../backend/trigger-queries'
import { describedBy, FieldError, FormError } from '../ui/field-error'
import { storeLabel } from '../ui/account-labels'
import { ModalDialog } from '../ui/modal-dialog'
import { useServerError } from '../ui/server-error'

type RenameAccountDialogProps = {
  account: Account
  onClose: () => void
  onRenamed: (account: Account) => void
}

/** Gives an account the name the Account list and this page show; the store's own name stays. */
export function RenameAccountDialog({ account, onClose, onRenamed }: RenameAccountDialogProps) {
  const id = useId()
  const rename = useRenameAccount(account.id)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RenameAccountRequest>({ resolver: zodResolver(renameAccountRequestSchema), defaultValues: { name: account.name } })
  const message = errors.name?.message
  const serverError = useServerError(['name'], setError)

  const onSubmit = handleSubmit((values) => {
    if (rename.isPending) return
    serverError.clear()
    rename.mutate(values, { onSuccess: onRenamed, onError: serverError.onError })
  })

  return (
    <ModalDialog title="Rename account" onClose={onClose} initialFocusId={`${id}-name`}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-name`}>Account name</label>
          <input
            id={`${id}-name`}
            className="input"
            autoComplete="off"
            aria-invalid={message ? true : undefined}
            aria-describedby={describedBy(message && `${id}-error`, `${id}-help`)}
            {...register('name')}
          />
          <FieldError id={`${id}-error`} message={message} />
          <p id={`${id}-help`} className="field-help">
            How the Account list names it. The store stays {storeLabel(account)}.
          </p>
        </div>
        <FormError message={serverError.formError} />
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-busy={rename.isPending || undefined}>
            {rename.isPending && <span className="spinner" aria-hidden="true" />}
            Save name
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
